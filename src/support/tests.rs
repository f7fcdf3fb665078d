use super::*;

const GOOD: &str = r#"
[[contacts]]
name = "Gender Violence Recovery Centre"
phone = "0709 667 000"
hours = "24 hours"
note = "Free medical care after rape or assault."
languages = ["en", "sw"]

[[contacts]]
name = "Línea Vida"
phone = "*462"
languages = ["es"]

[[contacts]]
name = "District hospital"
"#;

fn read(text: &str) -> (Option<Support>, Vec<String>) {
    let mut d = Diagnostics::new();
    let s = parse("support.toml", text, &mut d);
    (
        s,
        d.into_sorted().iter().map(Diagnostic::headline).collect(),
    )
}

#[test]
fn contacts_are_read_and_chosen_by_the_lessons_language() {
    let (support, diags) = read(GOOD);
    assert!(diags.is_empty(), "{diags:?}");
    let support = support.unwrap();
    assert_eq!(support.contacts.len(), 3);
    let names = |lang: &str| -> Vec<String> {
        support
            .for_language(lang)
            .into_iter()
            .map(|c| c.name)
            .collect()
    };
    assert_eq!(
        names("en"),
        ["Gender Violence Recovery Centre", "District hospital"]
    );
    assert_eq!(names("es-DO"), ["Línea Vida", "District hospital"]);
    let first = &support.for_language("sw")[0];
    assert_eq!(first.details, ["0709 667 000", "24 hours"]);
    assert_eq!(
        first.note.as_deref(),
        Some("Free medical care after rape or assault.")
    );
    // Nothing for a language: every contact, since a number helps in any language.
    let (only_es, _) = read("[[contacts]]\nname = \"Línea Vida\"\nlanguages = [\"es\"]\n");
    assert_eq!(only_es.unwrap().for_language("fr").len(), 1);
}

#[test]
fn mistakes_are_reported_at_their_line_with_a_hint() {
    let (support, diags) = read(
        "[[contacts]]\nname = \"A\"\nphnoe = \"1\"\n[[contacts]]\nphone = \"2\"\n[[contacts]]\nname = 3\n",
    );
    assert!(support.is_none());
    assert_eq!(diags.len(), 3, "{diags:?}");
    assert!(diags[0].starts_with("support.toml:3:1: unknown key `phnoe` in contact 1"));
    assert!(diags[1].starts_with("support.toml:4:1:") && diags[1].contains("`name`"));
    assert!(diags[2].starts_with("support.toml:7:8:"), "{diags:?}");
    let (_, diags) = read("[[contacts]\nname = \"A\"");
    assert!(diags[0].contains("not valid TOML"), "{diags:?}");
}

#[test]
fn site_text_is_cleaned_like_a_lessons() {
    let (support, _) =
        read("[[contacts]]\nname = \"Help\\u001b]52;c;bad\\u0007line\\u202e\"\nnote = \"a\\nb\"\n");
    let c = &support.unwrap().contacts[0];
    assert!(
        !c.name.contains('\u{1b}') && !c.name.contains('\u{202e}'),
        "{:?}",
        c.name
    );
    assert_eq!(c.note.as_deref(), Some("a b"));
}

#[test]
fn the_data_folder_has_none_some_or_a_broken_file() {
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(load(dir.path()), SiteSupport::NotSet));
    std::fs::write(path(dir.path()), GOOD).unwrap();
    assert!(matches!(load(dir.path()), SiteSupport::Set(s) if s.contacts.len() == 3));
    std::fs::write(path(dir.path()), "[[contacts]]\nnmae = \"x\"\n").unwrap();
    let SiteSupport::Broken(diags) = load(dir.path()) else {
        panic!("broken")
    };
    assert!(
        diags.iter().any(|d| d
            .headline()
            .contains("support.toml:2:1: unknown key `nmae`")),
        "{diags:?}"
    );
    std::fs::write(path(dir.path()), vec![b'#'; 70 * 1024]).unwrap();
    assert!(matches!(load(dir.path()), SiteSupport::Broken(_)));
    std::fs::write(path(dir.path()), [0xff, 0xfe]).unwrap();
    assert!(matches!(load(dir.path()), SiteSupport::Broken(_)));
}
