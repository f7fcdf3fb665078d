//! A site's `support.toml`, which a facilitator writes by hand: read as `hatua support
//! check` reads it, and, when it is usable, its contacts laid out in the GBV lesson's
//! support block at the widths a terminal gives it, in every language a course may have.
#![no_main]

use hatua::course::diagnostic::Diagnostics;
use hatua::course::markdown::{Document, MdStyles};
use libfuzzer_sys::fuzz_target;

const LESSON: &str = "## Where to find support\n\n- Ask someone you trust.\n- Services near you:\n\n  \
                      ```hatua-support\n  Ask your trainer.\n  ```\n\n> ```hatua-support\n> x\n> ```\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut d = Diagnostics::new();
    let parsed = hatua::support::parse("support.toml", text, &mut d);
    for diagnostic in d.into_sorted() {
        let _ = diagnostic.render();
    }
    let Some(support) = parsed else {
        return;
    };
    let styles = MdStyles::default();
    for language in ["en", "fr", "es-DO", ""] {
        let contacts = support.for_language(language);
        let doc = Document::parse_with(LESSON, &contacts);
        for width in [1, 24, 78] {
            for line in doc.layout(width, &styles) {
                assert!(
                    line.width() <= usize::from(width),
                    "a line of {} cells laid out for {width}",
                    line.width()
                );
            }
        }
    }
});
