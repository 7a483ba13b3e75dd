//! The JSON Schema of each built-in rule's options, for `stmtlint config-schema`
//! (editor completion of `stmtlint.toml`). It mirrors the rules' `Options` structs;
//! the test below holds the two to each other.

use serde_json::{Value, json};

/// `{ name, aliases }`: a section or series and its other names.
fn named(what: &str) -> Value {
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["name"],
        "properties": {
            "name": {"type": "string", "description": format!("the {what}'s name")},
            "aliases": {"type": "array", "items": {"type": "string"}, "description": "other names of it"}
        }
    })
}

/// The options of the built-in rule `id` as JSON Schema `properties`, or `None`
/// for a rule that is not built in.
pub fn options_schema(id: &str) -> Option<Value> {
    let schema = match id {
        "missing-section" => json!({
            "title": {"type": "boolean", "default": true, "description": "require a title"},
            "date": {"type": "boolean", "default": true, "description": "require a date (dateline or opening sentence)"},
            "required": {"type": "array", "items": named("section"), "description": "sections every statement must have; a heading that starts with the name or an alias matches"}
        }),
        "inconsistent-name" => json!({
            "pairs": {"type": "boolean", "default": true, "description": "find party pairs written in both orders"},
            "spellings": {"type": "boolean", "default": true, "description": "find spellings that differ only in dots, hyphens, spaces or diacritics"},
            "groups": {
                "type": "array",
                "description": "variants that name one thing; replaces the default groups",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["variants"],
                    "properties": {
                        "variants": {"type": "array", "items": {"type": "string"}},
                        "preferred": {"type": "string", "description": "the form to use; every other variant is flagged"}
                    }
                }
            }
        }),
        "unfulfilled-follow-up" => json!({
            "tolerance-days": {"type": "integer", "minimum": 0, "default": 90, "description": "a meeting this many days after the window still counts"},
            "as-of": {"type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}$", "description": "judge commitments as of this day (YYYY-MM-DD; default today)"},
            "series": {"type": "array", "items": named("series"), "description": "series the titles do not name"}
        }),
        _ => return None,
    };
    Some(schema)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A value of the type a property's schema names.
    fn sample(property: &Value) -> Value {
        match property["type"].as_str() {
            Some("boolean") => json!(true),
            Some("integer") => json!(1),
            Some("string") => json!("2020-01-01"),
            _ => json!([]),
        }
    }

    /// Every property of `id`'s schema is an option its `Options` accept, and the
    /// options accept nothing else.
    fn mirrors<T: serde::de::DeserializeOwned>(id: &str) {
        let properties = options_schema(id).unwrap();
        for (key, property) in properties.as_object().unwrap() {
            let one = json!({ key: sample(property) });
            assert!(
                serde_json::from_value::<T>(one).is_ok(),
                "{id}: `{key}` is not an option"
            );
        }
        assert!(serde_json::from_value::<T>(json!({"nope": 1})).is_err());
    }

    #[test]
    fn the_schemas_mirror_the_options() {
        mirrors::<crate::missing_section::Options>("missing-section");
        mirrors::<crate::inconsistent_name::Options>("inconsistent-name");
        mirrors::<crate::follow_up::Options>("unfulfilled-follow-up");
        assert!(options_schema("acme/rule").is_none());
    }
}
