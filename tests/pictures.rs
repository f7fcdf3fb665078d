//! Pictures for learners who do not read: choosing one when the profile is made, finding
//! one's row by it in the picker, and signing in with three pictures instead of digits —
//! by number keys, by the arrows and Enter, and by clicks — with wrong pictures counting
//! toward the same pause as wrong digits. Real key presses, real frames, at 80x24 and 60x20.

mod player;

use hatua::pictures::{Colour, Picture, Symbol};
use hatua::store::{NewPin, PinCheck, Store};
use hatua::tui::caps;
use hatua::tui::screen::Screen;
use player::*;
use ratatui::crossterm::event::{KeyCode, MouseButton, MouseEvent, MouseEventKind};

const F3: ratatui::crossterm::event::KeyEvent = key(KeyCode::F(3));

/// Amina's picture PIN: the sun, the fish, the key (places 1, 4 and 7 of the grid).
const PIN: [Symbol; 3] = [Symbol::Sun, Symbol::Fish, Symbol::Key];

/// A desk where Amina has a bird for a picture and a picture PIN, and Grace a green tree and
/// no PIN.
fn desk(size: (u16, u16)) -> Player {
    let mut store = Store::open_in_memory().unwrap();
    let bird = Picture {
        symbol: Symbol::Bird,
        colour: Colour::Magenta,
    };
    let tree = Picture {
        symbol: Symbol::Tree,
        colour: Colour::Green,
    };
    store
        .add_learner_with("Amina", Some(bird), Some(NewPin::Pictures(&PIN)))
        .unwrap();
    store.add_learner_with("Grace", Some(tree), None).unwrap();
    Player::new(store, size)
}

/// Where `text` is on screen: its column and row.
fn find(p: &Player, text: &str) -> (u16, u16) {
    let screen = p.screen();
    for (y, line) in screen.lines().enumerate() {
        if let Some(at) = line.find(text) {
            let x = line[..at].chars().count();
            return (x as u16, y as u16);
        }
    }
    panic!("{text:?} is not on screen:\n{screen}");
}

fn click(p: &mut Player, (x, y): (u16, u16)) {
    let event = MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: x,
        row: y,
        modifiers: ratatui::crossterm::event::KeyModifiers::NONE,
    };
    let effects = p.app.mouse(event);
    p.run(effects);
}

/// The second line of a symbol's large drawing: where a click on it lands.
fn art_line(symbol: Symbol) -> &'static str {
    symbol.art()[2].trim()
}

#[test]
fn a_learner_signs_in_with_a_picture_pin() {
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    p.type_text("Wanjiru");
    p.press([ENTER]);
    let screen = p.screen();
    assert!(screen.contains("Your picture"), "{screen}");
    // A picture is chosen already (the sun: nobody has one); → shows the next.
    assert!(screen.contains(art_line(Symbol::Sun)), "{screen}");
    p.press([RIGHT]);
    assert!(
        p.screen().contains(art_line(Symbol::Tree)),
        "{}",
        p.screen()
    );
    // A click on a small picture in the row under it chooses that one.
    let fish_at = find(&p, Symbol::Fish.inline().trim());
    click(&mut p, fish_at);
    assert!(
        p.screen().contains(art_line(Symbol::Fish)),
        "{}",
        p.screen()
    );
    let tree_at = find(&p, Symbol::Tree.inline().trim());
    click(&mut p, tree_at);
    assert!(
        p.screen().contains(art_line(Symbol::Tree)),
        "{}",
        p.screen()
    );
    // A PIN of pictures, picked twice: 1, 4, 7 on the number keys.
    p.press([F3]);
    let screen = p.screen();
    assert!(
        screen.contains("Pick three pictures for your PIN") && screen.contains("Pictures: ○ ○ ○"),
        "{screen}"
    );
    p.press([digit(0), digit(3)]);
    assert!(p.screen().contains("Pictures: ● ● ○"), "{}", p.screen());
    p.press([digit(6)]);
    assert!(
        p.screen().contains("Pick the same three pictures again"),
        "{}",
        p.screen()
    );
    p.press([digit(0), digit(3), digit(6)]);
    assert!(matches!(p.app.screen, Screen::Library(_)), "{}", p.screen());
    let stored = p.store.find_learner("Wanjiru").unwrap().unwrap();
    assert!(stored.has_pin && stored.picture_pin);
    assert_eq!(stored.picture.map(|pic| pic.symbol), Some(Symbol::Tree));

    // Quick exit; the picker shows her tree before her name.
    p.press([CTRL_X]);
    let (x, _) = find(&p, "Wanjiru");
    let (tree_at, _) = find(&p, Symbol::Tree.inline());
    assert!(tree_at < x, "{}", p.screen());

    // Signing in: the grid of pictures, not a PIN field.
    p.type_text("wan");
    p.press([ENTER]);
    let screen = p.screen();
    assert!(
        screen.contains(" ^^^  Wanjiru, pick your three pictures"),
        "{screen}"
    );
    assert!(!screen.contains("PIN:"), "{screen}");
    for symbol in Symbol::ALL {
        assert!(screen.contains(art_line(symbol)), "{symbol:?}\n{screen}");
    }
    // A slip, taken back with Backspace; then the sun by its number, the fish with the
    // arrows and Enter, the key with a click.
    p.press([digit(8), BACKSPACE]);
    assert!(p.screen().contains("Pictures: ○ ○ ○"), "{}", p.screen());
    p.press([digit(0)]);
    p.press([DOWN, ENTER]);
    assert!(p.screen().contains("Pictures: ● ● ○"), "{}", p.screen());
    assert!(p.app.learner.is_none(), "two pictures open nothing");
    let key_at = find(&p, art_line(Symbol::Key));
    click(&mut p, key_at);
    assert!(matches!(p.app.screen, Screen::Library(_)), "{}", p.screen());
    assert_eq!(p.app.learner.as_ref().unwrap().name, "Wanjiru");
}

#[test]
fn a_wrong_picture_pin_counts_toward_the_pause() {
    let mut p = desk((80, 24));
    let amina = p.store.find_learner("Amina").unwrap().unwrap().id;
    p.type_text("ami");
    p.press([ENTER]);
    assert!(matches!(p.app.screen, Screen::Pin(_)));
    // The key, the fish, the sun: the right pictures in the wrong order.
    p.press([digit(6), digit(3), digit(0)]);
    let screen = p.screen();
    assert!(
        screen.contains("That PIN is not right. 4 tries left before a pause."),
        "{screen}"
    );
    assert!(p.app.learner.is_none());
    for _ in 0..4 {
        p.press([digit(1), digit(1), digit(1)]);
    }
    let screen = p.screen();
    assert!(
        screen.contains("this profile is paused for 30 s"),
        "{screen}"
    );
    // The same pause a wrong digit PIN starts, kept in the records.
    assert!(
        p.store
            .pin_lock(&amina, time::OffsetDateTime::now_utc())
            .unwrap()
            .is_some()
    );
    // Even the right pictures wait.
    p.press([digit(0), digit(3), digit(6)]);
    assert!(p.app.learner.is_none(), "opened during the pause");
    assert!(p.screen().contains("paused for"), "{}", p.screen());
    // And a digit PIN could not skip it: the check is the store's, whatever was typed.
    assert!(matches!(
        p.store
            .check_pin(&amina, "1234", time::OffsetDateTime::now_utc())
            .unwrap(),
        PinCheck::Locked { .. }
    ));
}

#[test]
fn the_picker_shows_each_picture_beside_the_name_at_80x24_and_60x20() {
    for size in [(80, 24), (60, 20)] {
        let mut p = desk(size);
        let screen = p.screen();
        for (name, symbol) in [("Amina", Symbol::Bird), ("Grace", Symbol::Tree)] {
            let line = screen
                .lines()
                .find(|l| l.contains(name))
                .unwrap_or_else(|| panic!("{name} at {size:?}:\n{screen}"));
            assert!(
                line.contains(&format!("{} {name}", symbol.inline())),
                "{size:?}: {line:?}"
            );
        }
        // In their colours, where the terminal has colours.
        let buf = p.buffer();
        let (x, y) = find(&p, Symbol::Tree.inline());
        let cell = &buf[(x + 1, y)];
        assert_eq!(cell.fg, ratatui::style::Color::Green, "{size:?}");
        // The grid of a picture PIN fits too, whole.
        p.type_text("ami");
        p.press([ENTER]);
        let screen = p.screen();
        for symbol in Symbol::ALL {
            for line in symbol.art() {
                assert!(
                    screen.contains(line.trim_end()),
                    "{size:?} {symbol:?}:\n{screen}"
                );
            }
        }
        assert!(screen.contains("Pictures:"), "{size:?}:\n{screen}");
    }
}

#[test]
fn pictures_are_drawn_in_ascii_for_an_ascii_terminal() {
    let mut p = desk((60, 20));
    let ascii_caps = caps::Caps {
        colour: false,
        unicode: false,
        alternate_screen: false,
    };
    p.app.caps = ascii_caps;
    p.app.apply_preferences(None, None);
    let mut screens = vec![p.buffer()];
    p.type_text("ami");
    p.press([ENTER]);
    screens.push(p.buffer());
    p.press([ESC]);
    p.type_text("Zo");
    p.press([ENTER]);
    screens.push(p.buffer());
    p.press([F3]);
    screens.push(p.buffer());
    for buf in screens {
        let mut written = String::new();
        for y in 0..buf.area.height {
            for x in 0..buf.area.width {
                // What the ASCII backend writes for this cell.
                let symbol = buf[(x, y)].symbol();
                let out = caps::ascii(symbol);
                assert!(out.bytes().all(|b| b < 0x80), "{symbol:?}");
                // Every drawing is ASCII already: nothing of it becomes "?".
                assert!(out != "?" || symbol == "?", "{symbol:?} at {x},{y}");
                written.push_str(&out);
            }
            written.push('\n');
        }
        // The shapes, without colour: each drawing is there as drawn.
        let shown = Symbol::ALL
            .iter()
            .filter(|s| written.contains(s.art()[1].trim()) || written.contains(s.inline()))
            .count();
        assert!(shown >= 1, "{written}");
        assert!(
            buf.content
                .iter()
                .all(|c| c.fg == ratatui::style::Color::Reset),
            "no colour"
        );
    }
}

#[test]
fn the_profile_changes_the_picture_and_sets_a_picture_pin() {
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    p.sign_in("Baraka");
    p.press([ch('p')]);
    assert!(matches!(p.app.screen, Screen::Profile(_)), "{}", p.screen());
    // Down past the two PIN fields to the picture PIN; Space opens the grid.
    for _ in 0..5 {
        p.press([DOWN]);
    }
    p.press([SPACE]);
    assert!(
        p.screen().contains("Pick three pictures for your PIN"),
        "{}",
        p.screen()
    );
    p.press([digit(4), digit(4), digit(8), digit(4), digit(4), digit(8)]);
    assert!(p.screen().contains("chosen, Enter saves"), "{}", p.screen());
    // Down to the picture, the next one; down to the colour, the next one.
    p.press([DOWN]);
    assert!(p.screen().contains("▶ Picture:"), "{}", p.screen());
    p.press([RIGHT]);
    p.press([DOWN, RIGHT]);
    assert!(
        p.screen().contains("Picture colour: ◀ yellow ▶"),
        "{}",
        p.screen()
    );
    p.press([ENTER]);
    let saved = p.store.find_learner("Baraka").unwrap().unwrap();
    assert!(saved.picture_pin, "{}", p.screen());
    let picture = saved.picture.unwrap();
    assert_eq!(picture.colour, Colour::Yellow);
    assert_eq!(picture.symbol, Symbol::Tree);
    let secret = hatua::pictures::pin_secret(&[Symbol::Star, Symbol::Star, Symbol::Flower]);
    assert_eq!(
        p.store
            .check_pin(&saved.id, &secret, time::OffsetDateTime::now_utc())
            .unwrap(),
        PinCheck::Accepted
    );
}

#[test]
fn the_facilitators_reset_takes_a_picture_pin_away() {
    let mut p = desk((80, 24));
    let amina = p.store.find_learner("Amina").unwrap().unwrap().id;
    p.press([F2]);
    p.type_text("trainer-pass");
    p.press([ENTER]);
    p.type_text("trainer-pass");
    p.press([ENTER]);
    p.type_text("Kisumu");
    p.press([ENTER]);
    let Screen::Board(board) = &p.app.screen else {
        panic!("not on the board:\n{}", p.screen());
    };
    let row = board
        .rows
        .iter()
        .position(|r| r.learner.name == "Amina")
        .unwrap();
    p.press([HOME]);
    for _ in 0..row {
        p.press([DOWN]);
    }
    p.press([ch('r')]);
    assert!(
        p.screen().contains("Remove the PIN of Amina"),
        "{}",
        p.screen()
    );
    p.press([ch('y')]);
    let after = p.store.learner(&amina).unwrap().unwrap();
    assert!(!after.has_pin && !after.picture_pin);
    // Her picture stays: she still finds her row; now it opens without pictures.
    assert_eq!(after.picture.map(|pic| pic.symbol), Some(Symbol::Bird));
    p.press([CTRL_X]);
    p.type_text("ami");
    p.press([ENTER]);
    assert!(matches!(p.app.screen, Screen::Library(_)), "{}", p.screen());
}
