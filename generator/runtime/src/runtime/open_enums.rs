//! What every open enum of a generated crate has in common. An open enum is
//! a string enumeration of the spec with one more variant, which keeps a
//! value the spec does not list, so that a server that adds a value does not
//! break decoding. The generator writes each enum with its variants, its
//! wire values (`as_str`) and the values it lists (`listed`); `open_enum!`
//! writes the rest, the same for every one.

/// Implements, for the open enum `$name` whose variant `$unlisted` keeps a
/// value the spec does not list: `is_unknown`, `From<&str>`, `From<String>`,
/// `FromStr`, `Display`, `Serialize`, and a `Deserialize` that tells the
/// drift log of an unlisted value. The value reaches the log unless the
/// enum is `personal` data.
///
/// The enum must have `fn as_str(&self) -> &str`, its value on the wire,
/// and `fn listed(value: &str) -> Option<Self>`, the variant that stands
/// for a listed value.
// A crate without open enums leaves it unused.
#[allow(unused_macros)]
macro_rules! open_enum {
    ($name:ident, $unlisted:ident) => {
        $crate::runtime::open_enum!(@impl $name, $unlisted, shown);
    };
    ($name:ident, $unlisted:ident, personal) => {
        $crate::runtime::open_enum!(@impl $name, $unlisted, hidden);
    };
    (@shown $value:ident, shown) => {
        ::std::option::Option::Some($value.as_str())
    };
    (@shown $value:ident, hidden) => {
        ::std::option::Option::None
    };
    (@impl $name:ident, $unlisted:ident, $shown:ident) => {
        impl $name {
            /// Whether this is a value the spec does not list.
            pub fn is_unknown(&self) -> bool {
                matches!(self, Self::$unlisted(_))
            }
        }

        impl $crate::runtime::open_enums::Listed for $name {
            fn listed_variant(value: &str) -> ::std::option::Option<Self> {
                Self::listed(value)
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                Self::listed(value).unwrap_or_else(|| Self::$unlisted(value.to_owned()))
            }
        }

        impl ::std::convert::From<::std::string::String> for $name {
            fn from(value: ::std::string::String) -> Self {
                match Self::listed(&value) {
                    ::std::option::Option::Some(listed) => listed,
                    ::std::option::Option::None => Self::$unlisted(value),
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                // The drift log, locating an unlisted value, skips it.
                let ::std::option::Option::Some(deserializer) =
                    $crate::runtime::drift::reading_enum_value(deserializer)?
                else {
                    return Ok(Self::$unlisted(::std::string::String::new()));
                };
                let value = Self::from(<::std::string::String as ::serde::Deserialize>::deserialize(
                    deserializer,
                )?);
                if value.is_unknown() {
                    $crate::runtime::drift::unlisted_value(
                        stringify!($name),
                        $crate::runtime::open_enum!(@shown value, $shown),
                    );
                }
                Ok(value)
            }
        }
    };
}

pub(crate) use open_enum;

/// What [`listed_only`] asks of an open enum: the variant that stands for a
/// value the spec lists.
// Only crates with a `oneOf` of an open enum and another alternative that
// takes strings decode through it.
#[allow(dead_code)]
pub trait Listed: Sized {
    /// The variant of `value`, when the spec lists it.
    fn listed_variant(value: &str) -> Option<Self>;
}

/// Decodes an open enum from a value the spec lists, and refuses any other:
/// the decoding of an alternative of an untagged `oneOf` that a later
/// alternative could take a string for too. serde tries the alternatives
/// in order, and an open enum's own decoding takes every string, so a value
/// the later one lists would decode as this one's unlisted value.
#[allow(dead_code)]
pub fn listed_only<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Listed,
{
    let value = <String as serde::Deserialize>::deserialize(deserializer)?;
    T::listed_variant(&value)
        .ok_or_else(|| serde::de::Error::custom("a value the alternative does not list"))
}
