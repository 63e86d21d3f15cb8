//! typify's `pattern` checks pointed at the runtime's `Pattern`, which
//! matches in linear time where it can (`runtime/patterns.rs` says why):
//! every `::regress::Regex` in the types becomes
//! `crate::runtime::patterns::Pattern`, whose `new` and `find` are called
//! the same way.

use syn::visit_mut::{self, VisitMut};

/// Rewrites the paths to regress's `Regex` in `file`.
pub fn linear(file: &mut syn::File) {
    Linear.visit_file_mut(file);
}

struct Linear;

impl VisitMut for Linear {
    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        let mut segments = path.segments.iter();
        let regress = segments.next().is_some_and(|s| s.ident == "regress")
            && segments.next().is_some_and(|s| s.ident == "Regex");
        if regress {
            // The type, or a function of it (`::regress::Regex::new`).
            let mut linear: syn::Path = syn::parse_quote!(crate::runtime::patterns::Pattern);
            linear
                .segments
                .extend(path.segments.iter().skip(2).cloned());
            *path = linear;
            return;
        }
        visit_mut::visit_path_mut(self, path);
    }
}

#[cfg(test)]
mod tests {
    use quote::ToTokens;

    #[test]
    fn typify_checks_match_through_the_runtime() {
        let mut file: syn::File = syn::parse_quote! {
            impl ::std::str::FromStr for Code {
                type Err = self::error::ConversionError;
                fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                    static PATTERN: ::std::sync::LazyLock<::regress::Regex> =
                        ::std::sync::LazyLock::new(|| ::regress::Regex::new("^([a-z]*)*$").unwrap());
                    if PATTERN.find(value).is_none() {
                        return Err("doesn't match pattern".into());
                    }
                    Ok(Self(value.to_string()))
                }
            }
        };
        super::linear(&mut file);
        let code = file.to_token_stream().to_string();
        assert!(!code.contains("regress"), "{code}");
        assert_eq!(
            code.matches("crate :: runtime :: patterns :: Pattern")
                .count(),
            2,
            "{code}"
        );
    }
}
