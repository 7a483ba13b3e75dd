//! serde's messages in the words of a config file's reader: `expected u64` and
//! `invalid type: string "big"` name Rust types; a user wrote TOML.

/// `message` (a serde or TOML error, without its position) in plain words.
pub fn plain_words(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown field ") {
        return unknown_key(rest);
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return format!("missing key {rest}");
    }
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some((found, expected)) = message.strip_prefix(prefix).and_then(|r| r.split_once(", expected ")) {
            return format!("expected {}, found {}", expected_words(expected), found_words(found));
        }
    }
    if let Some(rest) = message.strip_prefix("invalid length ")
        && let Some((n, expected)) = rest.split_once(", expected ")
    {
        return format!("expected {}, found a list of {n}", expected_words(expected));
    }
    if message.starts_with("data did not match any variant") {
        return "this value does not have a form this key takes".into();
    }
    message.to_owned()
}

/// `` `x`, expected one of `a`, `b` `` → `` unknown key `x`; the keys are `a`, `b` ``.
fn unknown_key(rest: &str) -> String {
    match rest.split_once(", expected one of ") {
        Some((key, keys)) => format!("unknown key {key}; the keys here are {keys}"),
        None => match rest.split_once(", expected ") {
            Some((key, only)) => format!("unknown key {key}; the only key here is {only}"),
            None => match rest.split_once(", there are no fields") {
                Some((key, _)) => format!("unknown key {key}; this table takes no keys"),
                None => format!("unknown key {rest}"),
            },
        },
    }
}

/// What serde expected, as TOML.
fn expected_words(expected: &str) -> String {
    let words = match expected {
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "a whole number, 0 or more",
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => "a whole number",
        "f32" | "f64" => "a number",
        "a boolean" => "`true` or `false`",
        "a string" | "a borrowed string" | "a character" => "text in quotes",
        "a sequence" => "a list, `[...]`",
        "a map" => "a table",
        other if other.starts_with("struct ") || other.starts_with("a map") => "a table",
        other if other.starts_with("a sequence") || other.starts_with("tuple") => "a list, `[...]`",
        other => return other.to_owned(),
    };
    words.to_owned()
}

/// What was found, as the user wrote it.
fn found_words(found: &str) -> String {
    let unquote = |s: &str| s.trim_matches('`').to_owned();
    if let Some(s) = found.strip_prefix("string ") {
        return format!("the text {s}");
    }
    for kind in ["integer ", "floating point ", "boolean "] {
        if let Some(value) = found.strip_prefix(kind) {
            return unquote(value);
        }
    }
    match found {
        "sequence" => "a list".into(),
        "map" => "a table".into(),
        "unit value" | "null" => "nothing".into(),
        other => other.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::plain_words as plain;

    #[test]
    fn rust_types_become_toml_words() {
        assert_eq!(
            plain("invalid type: string \"big\", expected u64"),
            "expected a whole number, 0 or more, found the text \"big\""
        );
        assert_eq!(
            plain("invalid value: integer `-3`, expected u32"),
            "expected a whole number, 0 or more, found -3"
        );
        assert_eq!(
            plain("invalid type: string \"yes\", expected a boolean"),
            "expected `true` or `false`, found the text \"yes\""
        );
        assert_eq!(
            plain("invalid type: map, expected a sequence"),
            "expected a list, `[...]`, found a table"
        );
        assert_eq!(
            plain("invalid length 0, expected struct Baseline with 2 elements"),
            "expected a table, found a list of 0"
        );
        assert_eq!(
            plain("unknown field `sevrity`, expected one of `severity`, `title`"),
            "unknown key `sevrity`; the keys here are `severity`, `title`"
        );
        assert_eq!(plain("missing field `variants`"), "missing key `variants`");
        assert!(!plain("data did not match any variant of untagged enum DateOption").contains("enum"));
    }
}
