//! A site's own support contacts: `support.toml` in the data folder, shown by a lesson in
//! place of its ` ```hatua-support ` block, through the player's keys at 80x24; the block's
//! own text when the site has none or its file is broken; and `hatua support` and
//! `hatua doctor`, which say what the file holds or what is wrong with it.

mod player;

use std::path::Path;
use std::process::Command;

use hatua::store::Store;
use player::*;

const CONTACTS: &str = r#"
[[contacts]]
name = "Gender Violence Recovery Centre"
phone = "0709 667 000"
hours = "24 hours, every day"
note = "Free medical care and counselling after rape or assault."

[[contacts]]
name = "Línea Vida"
phone = "*462"
languages = ["es"]
"#;

/// The support lesson opened by keys, on a site whose data folder is `data`, as the player
/// starts: the contacts read from the folder first.
fn lesson_on_site(data: &Path) -> Player {
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    p.app.library = fixture_library(&["support-block"]);
    p.app.support = hatua::support::for_player(data);
    p.sign_in("Amina");
    p.press([ENTER, ENTER]);
    p
}

#[test]
fn the_lesson_shows_the_sites_own_contacts_in_place_of_the_block() {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(data.path().join("support.toml"), CONTACTS).unwrap();
    let p = lesson_on_site(data.path());
    let screen = p.screen();
    assert!(
        screen.contains("• Gender Violence Recovery Centre — 0709 667 000 · 24 hours, every"),
        "{screen}"
    );
    assert!(
        !screen.contains("Línea Vida"),
        "a Spanish-only contact in an English lesson"
    );
    assert!(!screen.contains("Ask your trainer"), "{screen}");
    insta::assert_snapshot!("support_contacts_80x24", screen);
}

#[test]
fn without_contacts_or_with_a_broken_file_the_lesson_shows_its_own_text() {
    let data = tempfile::tempdir().unwrap();
    let p = lesson_on_site(data.path());
    let screen = p.screen();
    let fallback = "  Ask your trainer or facilitator for the support services near you.";
    assert!(screen.lines().any(|l| l.trim_end() == fallback), "{screen}");
    insta::assert_snapshot!("support_fallback_80x24", screen);
    // Shown as text, not code: code is indented and styled as code.
    let buf = p.buffer();
    let row = screen.lines().position(|l| l.contains("Ask your")).unwrap() as u16;
    assert_eq!(buf[(2, row)].symbol(), "A");
    assert_eq!(
        buf[(2, row)].fg,
        buf[(2, row + 2)].fg,
        "the same colour as the text below"
    );

    std::fs::write(
        data.path().join("support.toml"),
        "[[contacts]]\nphone = 1\n",
    )
    .unwrap();
    let p = lesson_on_site(data.path());
    assert!(p.screen().contains("Ask your trainer"), "{}", p.screen());
}

#[test]
fn validate_accepts_the_support_block_without_a_warning() {
    let data = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/support-block");
    let (code, out, err) = hatua(data.path(), &["validate", fixture.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("is valid: 1 module, 1 item, in en, 0 warnings"),
        "{out}"
    );
}

fn hatua(data: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_hatua"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn support_check_and_show_say_what_the_file_holds_or_where_it_is_wrong() {
    let data = tempfile::tempdir().unwrap();
    let (code, out, _) = hatua(data.path(), &["support", "check"]);
    assert_eq!(code, 0);
    assert!(out.contains("No support contacts are set"), "{out}");
    assert!(out.contains("support.toml"), "{out}");

    std::fs::write(data.path().join("support.toml"), CONTACTS).unwrap();
    let (code, out, _) = hatua(data.path(), &["support", "check"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("2 support contacts"), "{out}");
    let (code, out, _) = hatua(data.path(), &["support", "show"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("Gender Violence Recovery Centre — 0709 667 000 · 24 hours, every day"),
        "{out}"
    );
    assert!(
        out.contains("Línea Vida — *462") && out.contains("(es)"),
        "{out}"
    );

    std::fs::write(
        data.path().join("support.toml"),
        "[[contacts]]\nname = \"A\"\nphnoe = \"1\"\n",
    )
    .unwrap();
    let (code, out, err) = hatua(data.path(), &["support", "check"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains("support.toml:3:1: error: unknown key `phnoe` in contact 1")
            && err.contains("did you mean `phone`?"),
        "{err}"
    );
    assert!(err.contains("lessons show their own text"), "{err}");
    let (_, out, _) = hatua(data.path(), &["doctor"]);
    assert!(
        out.contains("Support contacts:") && out.contains("hatua support check"),
        "{out}"
    );
}
