#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    rungs_devtools::fuzzing::check_merge(data);
});
