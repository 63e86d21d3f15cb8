//! The conversions `open_enum!` gives an enum the generator writes.

use std::str::FromStr;

/// A string enumeration as the generator writes it.
#[derive(Debug, PartialEq)]
enum Status {
    Created,
    InReview,
    Unknown(String),
}

impl Status {
    fn as_str(&self) -> &str {
        match self {
            Self::Created => "created",
            Self::InReview => "in_review",
            Self::Unknown(value) => value.as_str(),
        }
    }

    fn listed(value: &str) -> Option<Self> {
        match value {
            "created" => Some(Self::Created),
            "in_review" => Some(Self::InReview),
            _ => None,
        }
    }
}

crate::runtime::open_enum!(Status, Unknown);

#[test]
fn listed_values_become_their_variants_from_every_kind_of_string() {
    assert_eq!(Status::from("in_review"), Status::InReview);
    assert_eq!(Status::from("created".to_owned()), Status::Created);
    assert_eq!(Status::from_str("created"), Ok(Status::Created));
    assert!(!Status::InReview.is_unknown());
}

#[test]
fn an_unlisted_value_is_kept_as_sent() {
    let status = Status::from("escalated".to_owned());
    assert_eq!(status, Status::Unknown("escalated".to_owned()));
    assert!(status.is_unknown());
    assert_eq!(status.to_string(), "escalated");
    // Case matters on the wire.
    assert!(Status::from("Created").is_unknown());
}

#[test]
fn the_wire_value_is_what_serde_and_display_write() {
    assert_eq!(Status::InReview.to_string(), "in_review");
    assert_eq!(
        serde_json::to_string(&[Status::InReview, Status::Unknown("new".to_owned())]).unwrap(),
        r#"["in_review","new"]"#
    );
    let decoded: Vec<Status> = serde_json::from_str(r#"["created","new"]"#).unwrap();
    assert_eq!(
        decoded,
        [Status::Created, Status::Unknown("new".to_owned())]
    );
    // Only strings are values of a string enumeration.
    assert!(serde_json::from_str::<Status>("1").is_err());
}

/// Another string enumeration, for a `oneOf` of two.
#[derive(Debug, PartialEq)]
enum Encryption {
    RsaOaep,
    Unknown(String),
}

impl Encryption {
    fn as_str(&self) -> &str {
        match self {
            Self::RsaOaep => "RSA-OAEP",
            Self::Unknown(value) => value.as_str(),
        }
    }

    fn listed(value: &str) -> Option<Self> {
        (value == "RSA-OAEP").then_some(Self::RsaOaep)
    }
}

crate::runtime::open_enum!(Encryption, Unknown);

/// An untagged `oneOf` as the generator rewrites it: the alternatives
/// before the last that takes strings decode only what they list.
#[derive(Debug, PartialEq, serde::Deserialize)]
#[serde(untagged)]
enum StatusOrEncryption {
    #[serde(deserialize_with = "crate::runtime::open_enums::listed_only")]
    Status(Status),
    Count(u32),
    Encryption(Encryption),
}

#[test]
fn each_alternative_of_a_one_of_decodes_the_values_it_lists() {
    let decode = |json: &str| serde_json::from_str::<StatusOrEncryption>(json).unwrap();
    assert_eq!(
        decode(r#""created""#),
        StatusOrEncryption::Status(Status::Created)
    );
    assert_eq!(
        decode(r#""RSA-OAEP""#),
        StatusOrEncryption::Encryption(Encryption::RsaOaep)
    );
    assert_eq!(decode("7"), StatusOrEncryption::Count(7));
    // A value none lists is the last one's unlisted value, not an error.
    assert_eq!(
        decode(r#""A256KW""#),
        StatusOrEncryption::Encryption(Encryption::Unknown("A256KW".to_owned()))
    );
}
