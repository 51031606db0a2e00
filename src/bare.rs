//! What `std` would provide in the shipped WebAssembly module, which is built without it
//! (`make pkg`: `--no-default-features`), so that `std`'s panic and I/O machinery is not
//! linked in. The allocator is talc rather than `std`'s dlmalloc: 4 KB smaller, and loading
//! and previewing the benchmark accounts took 20–30% less time with it. The panic handler
//! drops the panic's message. Panics are not reachable from input (the lints forbid them);
//! should one happen, the instance traps exactly as with `panic = "abort"`.

#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}
