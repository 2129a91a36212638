//! Asking the processor to start reading memory the search will need shortly, so that the
//! cache misses of many candidates overlap instead of following one another.

/// How many candidates ahead the search loops ask for what they will read.
pub(crate) const AHEAD: usize = 8;

/// Starts bringing the cache line that holds `value` into the caches. A hint only: it reads
/// nothing the program sees, and does nothing on processors without such an instruction.
#[inline(always)]
pub(crate) fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch never faults and changes no state the program can observe; `value`
    // is a valid reference besides, and SSE is part of every x86-64 processor.
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>((value as *const T).cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}
