#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| token_core_fuzz::targets::attenuation(data));
