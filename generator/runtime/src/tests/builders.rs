//! `builder!`: `new` takes the required members, the other methods set the
//! optional and defaulted ones.

#[derive(Debug, PartialEq)]
struct Session {
    id: String,
    score: i64,
    decided_at: Option<String>,
    new: Option<bool>,
    tags: Vec<String>,
    limit: u32,
}

mod defaults {
    /// typify's defaults are generic functions, named with a turbofish.
    pub(super) fn default_u64<T: From<u32>, const V: u32>() -> T {
        T::from(V)
    }
}

crate::runtime::builder!(
    Session(id: String, score: i64) decided_at: String, new as with_new: bool;
    tags: Vec<String>, limit: u32 = defaults::default_u64::<u32, 10>
);

#[test]
fn new_takes_the_required_members_and_leaves_the_rest_out() {
    let session = Session::new("7", 3);
    assert_eq!(
        session,
        Session {
            id: "7".to_owned(),
            score: 3,
            decided_at: None,
            new: None,
            tags: Vec::new(),
            limit: 10,
        }
    );
}

#[test]
fn each_other_member_has_a_setter_that_chains() {
    let session = Session::new("7", 3)
        .decided_at("2026-01-15")
        .with_new(true)
        .tags(vec!["a".to_owned()])
        .limit(5u32);
    assert_eq!(session.decided_at.as_deref(), Some("2026-01-15"));
    assert_eq!(session.new, Some(true));
    assert_eq!(session.tags, ["a"]);
    assert_eq!(session.limit, 5);
}

struct Empty {}

crate::runtime::builder!(Empty());

#[test]
fn a_struct_without_members_is_built_with_new() {
    let Empty {} = Empty::new();
}
