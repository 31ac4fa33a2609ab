//! Giving the system back the memory a large load freed.

/// Asks the C allocator to return the pages it holds free to the system.
///
/// glibc keeps what a thread freed in that thread's arena, resident, unless it lies at the top
/// of the heap. Loading a large file frees about as much as it keeps — parse trees, records
/// as read, the chunks of the file — all of it below the dataset, so without this the search
/// index built next would come on top of the load's peak. Elsewhere (musl, macOS, Windows) the
/// allocators return memory themselves, and this does nothing.
#[allow(unsafe_code)]
pub fn release_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            fn malloc_trim(pad: usize) -> i32;
        }
        // SAFETY: malloc_trim takes no pointer and only walks glibc's own free lists, under
        // the allocator's locks; it is safe to call at any time, from any thread.
        unsafe {
            malloc_trim(0);
        }
    }
}

/// Loads of at least this many events free what they leave on a thread of their own
/// ([`free_in_background`]); smaller ones free it where they are, in well under a millisecond.
pub const FREE_ELSEWHERE_FROM: usize = 10_000;

/// Drops `leftovers` on a thread of its own, then gives back what was freed
/// ([`release_freed`]), so that the caller goes on at once. If no thread can be started, this
/// thread does it.
pub fn free_in_background<T: Send + 'static>(leftovers: T) {
    let spawned = std::thread::Builder::new().name("free".into()).spawn(move || {
        drop(leftovers);
        release_freed();
    });
    if spawned.is_err() {
        release_freed();
    }
}
