import FuzzEntries

/// libFuzzer's callback: one input through the `screen` target.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzz(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    FuzzEntry.fuzz(.screen, bytes, count)
}

// SwiftPM gives the program a main of its own, which hands over to libFuzzer's driver.
LibFuzzer.run(fuzz)
