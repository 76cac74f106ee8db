#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| marginalia::fuzzing::run("read_html", data));
