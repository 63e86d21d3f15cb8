//! How typify and progenitor turn the names a spec gives into Rust names,
//! for the stages that must know which name a schema, a value or a
//! parameter will have: the front end, to keep two from one name, and the
//! later stages, to find the type a schema became.

use heck::{ToPascalCase, ToSnakeCase};

/// A schema or type name reduced to lower-case letters and digits, so that
/// `person_name`, `PersonName` and typify's `PersonName` all agree, as
/// typify's type names compare (`upload-fields` and `UploadFields` give the
/// same type).
pub(crate) fn type_key(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The variant name typify derives from an enum value (its `sanitize`):
/// what a name cannot hold separates words, and `+1`/`-1` are spelled out.
pub(crate) fn variant_name(value: &str) -> String {
    let name = match value {
        "+1" => "plus1".to_pascal_case(),
        "-1" => "minus1".to_pascal_case(),
        _ => value
            .replace('\'', "")
            .replace(|c: char| !unicode_ident::is_xid_continue(c), "-")
            .to_pascal_case(),
    };
    match name.chars().next() {
        Some(c) if unicode_ident::is_xid_start(c) => name,
        _ => format!("X{name}"),
    }
}

/// The name progenitor gives a parameter in Rust (typify's `sanitize`).
pub(crate) fn rust_parameter_name(name: &str) -> String {
    name.replace('\'', "")
        .replace(|c: char| !unicode_ident::is_xid_continue(c), "-")
        .to_snake_case()
}
