/// Python `str` semantics the F5 port needs: code points (not graphemes), `str.isspace`, `strip()`.
enum PythonText {
    /// The code points for which Python's `str.isspace()` (and so `re`'s `\s`) is true.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// UTF-8 length of one code point, like `len(c.encode("utf-8"))`.
    static func byteCount(_ scalar: Unicode.Scalar) -> Int { UTF8.width(scalar) }

    /// Python's `text.strip()`: removes `isSpace` code points from both ends.
    static func strip(_ text: Substring) -> Substring {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return text[text.endIndex...] }
        return Substring(scalars[first...last])
    }

    /// Python's `text.endswith(suffix)`, compared by code points (Swift's `hasSuffix` compares graphemes).
    static func endsWith(_ text: String, _ suffix: String) -> Bool {
        let tail = Array(suffix.unicodeScalars)
        let scalars = Array(text.unicodeScalars.suffix(tail.count))
        return scalars == tail
    }

    /// Whether the last code point is a single UTF-8 byte, as in `len(s[-1].encode("utf-8")) == 1`.
    static func lastIsOneByte(_ text: some StringProtocol) -> Bool {
        guard let last = text.unicodeScalars.last else { return false }
        return byteCount(last) == 1
    }
}
