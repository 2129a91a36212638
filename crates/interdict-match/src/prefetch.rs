//! Asking the processor to start reading memory the search will need shortly, so that the
//! cache misses of many candidates overlap instead of following one another.

/// The size of a cache line, in bytes.
const LINE: usize = 64;

/// From this many listed names, their shapes, names and tokens no longer stay in the caches
/// between searches (a shape is 48 bytes, a name's tokens a few hundred): asking ahead for a
/// name only when its shape says it will be read pays there, and costs more than it saves
/// below.
pub(crate) const NAMES_OUTGROW_CACHES: usize = 200_000;

/// How many candidates ahead the search loops ask for what they will read.
pub(crate) const AHEAD: usize = 8;

/// Starts bringing the cache lines that hold the start and, for a value of up to two lines,
/// the end of `value` into the caches: both lines of a value that straddles two (a 48-byte
/// shape does every other time). A hint only: it reads nothing the program sees, and does
/// nothing on processors without such an instruction.
#[inline(always)]
pub(crate) fn prefetch<T>(value: &T) {
    let start = (value as *const T).cast::<u8>();
    prefetch_line(start);
    let size = std::mem::size_of::<T>();
    if (2..=2 * LINE).contains(&size) {
        prefetch_line(start.wrapping_add(size - 1));
    }
}

/// [`prefetch`] for every cache line of a slice, up to four.
#[inline(always)]
pub(crate) fn prefetch_all<T>(values: &[T]) {
    let bytes = std::mem::size_of_val(values);
    let start = values.as_ptr().cast::<u8>();
    for line in 0..bytes.div_ceil(LINE).min(4) {
        prefetch_line(start.wrapping_add(line * LINE));
    }
}

/// Starts bringing the cache line of `at` into the caches.
#[inline(always)]
fn prefetch_line(at: *const u8) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch never faults, whatever the address, and changes no state the program
    // can observe; SSE is part of every x86-64 processor.
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>(at.cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = at;
}

/// Keeps the items of `items` that `keep` keeps (it may change them), in order, calling
/// `ahead` with the item [`AHEAD`] places on before judging each, so that `ahead` can ask for
/// the memory `keep` will read of it.
pub(crate) fn retain_asking_ahead<T: Copy>(
    items: &mut Vec<T>,
    ahead: impl Fn(&T),
    keep: impl FnMut(&mut T) -> bool,
) {
    retain_asking_twice(items, (ahead, |_: &T| {}), keep);
}

/// [`retain_asking_ahead`] in two steps, for what is found through what the first asks for:
/// `far` is called with the item [`AHEAD`] places on, `near` with the one half as far.
pub(crate) fn retain_asking_twice<T: Copy>(
    items: &mut Vec<T>,
    (far, near): (impl Fn(&T), impl Fn(&T)),
    mut keep: impl FnMut(&mut T) -> bool,
) {
    let mut kept = 0;
    for i in 0..items.len() {
        if let Some(later) = items.get(i + AHEAD) {
            far(later);
        }
        if let Some(later) = items.get(i + AHEAD / 2) {
            near(later);
        }
        let mut item = items[i];
        if keep(&mut item) {
            items[kept] = item;
            kept += 1;
        }
    }
    items.truncate(kept);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retaining_keeps_the_kept_items_in_order_and_asks_for_each_later_one_first() {
        let mut items: Vec<u32> = (0..20).collect();
        let asked = std::cell::RefCell::new(Vec::new());
        let judged = std::cell::RefCell::new(Vec::new());
        retain_asking_ahead(
            &mut items,
            |&i| asked.borrow_mut().push(i),
            |i| {
                judged.borrow_mut().push(*i);
                *i *= 10;
                *i % 30 != 0
            },
        );
        let expected: Vec<u32> = (0..20).filter(|i| i % 3 != 0).map(|i| i * 10).collect();
        assert_eq!(items, expected);
        assert_eq!(*judged.borrow(), (0..20).collect::<Vec<u32>>());
        assert_eq!(*asked.borrow(), (AHEAD as u32..20).collect::<Vec<u32>>());
    }

    #[test]
    fn asking_twice_asks_for_each_later_item_far_then_near_before_judging_it() {
        let mut items: Vec<u32> = (0..20).collect();
        let asked = std::cell::RefCell::new(Vec::new());
        retain_asking_twice(
            &mut items,
            (
                |&i: &u32| asked.borrow_mut().push(("far", i)),
                |&i: &u32| asked.borrow_mut().push(("near", i)),
            ),
            |&mut i| {
                let asked = asked.borrow();
                let first = |how| asked.iter().position(|&a| a == (how, i));
                if i >= AHEAD as u32 {
                    let (far, near) = (first("far"), first("near"));
                    assert!(far.is_some() && far < near, "{i}");
                }
                if i >= AHEAD as u32 / 2 {
                    assert!(first("near").is_some(), "{i}");
                }
                i % 2 == 0
            },
        );
        assert_eq!(items, (0..20).step_by(2).collect::<Vec<u32>>());
    }
}
