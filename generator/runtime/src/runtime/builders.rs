//! What every struct of a generated crate's `types` has in common: a
//! builder. The structs are `#[non_exhaustive]`, so that a member the spec
//! adds does not break code that builds them; they are built with `new`,
//! which takes the required members, and a method for each optional
//! member. A member the spec adds as optional is one more method; one it
//! adds as required is one more argument of `new`, which the compiler
//! points out where it is missing.

/// Implements, for the struct `$name`, `new` with the `$required` members
/// (each converted `Into` its type), the `$optional` ones (`Option`s,
/// given the type inside) left `None` and the `$defaulted` ones (members
/// with a serde default) set to what the function `$default` returns, or
/// else their type's `Default`; and for each optional or
/// defaulted member a method of its name (or the name after `as`) that
/// sets it and returns the value, for chains such as
/// `Session::new(id, status).decisioned_at(now)`.
// A crate without structs leaves it unused.
#[allow(unused_macros)]
macro_rules! builder {
    (
        $name:ident($($required:ident: $required_type:ty),* $(,)?)
        $($optional:ident $(as $optional_setter:ident)?: $optional_type:ty),* $(,)?
        $(; $($defaulted:ident $(as $defaulted_setter:ident)?: $defaulted_type:ty $(= $default:path)?),* $(,)?)?
    ) => {
        impl $name {
            #[doc = concat!(
                "A `", stringify!($name), "` with these required members; the optional ",
                "ones are left out until the methods named after them set them."
            )]
            #[allow(clippy::too_many_arguments, clippy::new_without_default)]
            pub fn new($($required: impl ::std::convert::Into<$required_type>),*) -> Self {
                Self {
                    $($required: $required.into(),)*
                    $($optional: ::std::option::Option::None,)*
                    $($($defaulted: $crate::runtime::builder!(@default $($default)?),)*)?
                }
            }

            $($crate::runtime::builder!(
                @set $optional $(as $optional_setter)?: $optional_type, optional
            );)*
            $($($crate::runtime::builder!(
                @set $defaulted $(as $defaulted_setter)?: $defaulted_type, defaulted
            );)*)?
        }
    };
    (@default) => {
        ::std::default::Default::default()
    };
    (@default $default:path) => {
        $default()
    };
    (@set $field:ident: $type:ty, $kind:ident) => {
        $crate::runtime::builder!(@set $field as $field: $type, $kind);
    };
    (@set $field:ident as $setter:ident: $type:ty, optional) => {
        #[doc = concat!("Sets `", stringify!($field), "`.")]
        pub fn $setter(mut self, value: impl ::std::convert::Into<$type>) -> Self {
            self.$field = ::std::option::Option::Some(value.into());
            self
        }
    };
    (@set $field:ident as $setter:ident: $type:ty, defaulted) => {
        #[doc = concat!("Sets `", stringify!($field), "`, instead of its default.")]
        pub fn $setter(mut self, value: impl ::std::convert::Into<$type>) -> Self {
            self.$field = value.into();
            self
        }
    };
}

pub(crate) use builder;
