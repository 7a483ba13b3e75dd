//! The JSON Schema of each built-in rule's options, for `stmtlint config-schema`
//! (editor completion of `stmtlint.toml`), derived from the rules' `Options` types
//! by `schemars`: field docs are the descriptions, `Default` gives the defaults.

use schemars::JsonSchema;
use serde_json::Value;

/// The options of the built-in rule `id` as JSON Schema `properties`, or `None`
/// for a rule that is not built in.
pub fn options_schema(id: &str) -> Option<Value> {
    let schema = match id {
        "missing-section" => properties::<crate::missing_section::Options>(),
        "inconsistent-name" => properties::<crate::inconsistent_name::Options>(),
        "unfulfilled-follow-up" => properties::<crate::follow_up::Options>(),
        "ordinal-sequence" => properties::<crate::ordinal_sequence::Options>(),
        "spelling-variety" => properties::<crate::spelling_variety::Options>(),
        "undefined-acronym" => properties::<crate::undefined_acronym::Options>(),
        "date-consistency" => properties::<crate::date_consistency::Options>(),
        _ => return None,
    };
    Some(schema)
}

/// The `properties` of `T`'s schema, with every definition written in place.
fn properties<T: JsonSchema>() -> Value {
    let generator = schemars::generate::SchemaSettings::draft07()
        .with(|s| s.inline_subschemas = true)
        .into_generator();
    let schema = generator.into_root_schema_for::<T>();
    schema
        .get("properties")
        .cloned()
        .unwrap_or_else(|| Value::Object(Default::default()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A value of the type a property's schema names.
    fn sample(property: &Value) -> Value {
        // An optional value's type is `["string", "null"]`.
        let ty = &property["type"];
        match ty.as_str().or_else(|| ty[0].as_str()) {
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

    /// `config/default.toml` says what each option's default is; the Rust `Default`
    /// of the rule's options is what applies. Each key the file sets must be that
    /// default, so the two cannot drift apart.
    fn defaults_agree<T: Default + serde::Serialize>(id: &str) {
        let file: toml::Table = toml::from_str(include_str!("../../../config/default.toml")).unwrap();
        let section = file["rules"][id].as_table().unwrap();
        let defaults = serde_json::to_value(T::default()).unwrap();
        let schema = options_schema(id).unwrap();
        for (key, value) in section.iter().filter(|(k, _)| *k != "severity") {
            let value = serde_json::to_value(value).unwrap();
            assert_eq!(
                value, defaults[key],
                "{id}: config/default.toml sets `{key}` to another value than Default"
            );
            assert_eq!(schema[key]["default"], value, "{id}: the schema's default of `{key}`");
        }
    }

    #[test]
    fn config_default_toml_and_the_rust_defaults_agree() {
        defaults_agree::<crate::missing_section::Options>("missing-section");
        defaults_agree::<crate::inconsistent_name::Options>("inconsistent-name");
        defaults_agree::<crate::follow_up::Options>("unfulfilled-follow-up");
    }
}
