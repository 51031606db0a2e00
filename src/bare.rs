//! What `std` would provide in the shipped WebAssembly module, which is built without it
//! (`make pkg`: `--no-default-features`). The allocator is the one `std` uses on this target;
//! the panic handler drops the panic's message, so the formatting code that only panics
//! would use is not linked in. Panics are not reachable from input (the lints forbid them);
//! should one happen, the instance traps exactly as with `panic = "abort"`.

#[global_allocator]
static ALLOCATOR: dlmalloc::GlobalDlmalloc = dlmalloc::GlobalDlmalloc;

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}
