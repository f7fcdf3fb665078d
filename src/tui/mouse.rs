//! The mouse, where the terminal reports one: the wheel scrolls, a click chooses the row it
//! lands on, and a click on the chosen row opens it. Never required: each is the arrow keys
//! and Enter, pressed for the learner, so a screen behaves exactly as with the keyboard.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::action::Action;
use super::app::App;
use super::effect::Effect;

/// Lines one notch of the wheel moves, as most terminals and browsers do.
const WHEEL_LINES: usize = 3;

/// The most rows a click walks the choice through: a list longer than a screen is walked
/// by its visible part only.
const MOST_STEPS: usize = 200;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

impl App {
    /// A mouse event, as the terminal reports it.
    pub fn mouse(&mut self, event: MouseEvent) -> Vec<Effect> {
        match event.kind {
            MouseEventKind::ScrollDown => self.keys(key(KeyCode::Down), WHEEL_LINES),
            MouseEventKind::ScrollUp => self.keys(key(KeyCode::Up), WHEEL_LINES),
            MouseEventKind::Down(MouseButton::Left) => match self.placed_click(event) {
                Some(action) => self.clicked(action),
                None => self.click(event.row),
            },
            _ => Vec::new(),
        }
    }

    /// What a click means to a screen that lays its choices out other than in rows.
    fn placed_click(&self, event: MouseEvent) -> Option<Action> {
        if self.help {
            return None;
        }
        let area = Rect::new(0, 0, self.size.0, self.size.1);
        self.with_cx(|cx| {
            let body = super::view::body_area(self, cx, area)?;
            self.screen
                .component()
                .click(cx, body, event.column, event.row)
        })
    }

    /// A click that means `action`, handled as a key press meaning it would be.
    fn clicked(&mut self, action: Action) -> Vec<Effect> {
        self.now = std::time::Instant::now();
        self.notice = None;
        self.update(action)
    }

    fn keys(&mut self, k: KeyEvent, times: usize) -> Vec<Effect> {
        (0..times).flat_map(|_| self.key(k)).collect()
    }

    /// The row the focus is on now, as the screen is drawn.
    fn focus_row(&self) -> Option<u16> {
        let area = Rect::new(0, 0, self.size.0, self.size.1);
        let mut buf = Buffer::empty(area);
        self.render(area, &mut buf);
        super::view::focus(&mut buf).map(|p| p.y)
    }

    /// A click on `row`: on the chosen row it opens it (Enter); elsewhere the choice moves,
    /// with the arrow keys, to the last item that starts at or above the row clicked.
    fn click(&mut self, row: u16) -> Vec<Effect> {
        let Some(start) = self.focus_row() else {
            return Vec::new();
        };
        if start == row {
            return self.key(key(KeyCode::Enter));
        }
        let down = row > start;
        let toward = key(if down { KeyCode::Down } else { KeyCode::Up });
        let mut effects = Vec::new();
        let mut at = start;
        for _ in 0..MOST_STEPS {
            effects.extend(self.key(toward));
            let Some(now) = self.focus_row() else { break };
            if now == at {
                // The list goes no further.
                break;
            }
            if down && now > row {
                // The item starting below the click is one too far.
                effects.extend(self.key(key(KeyCode::Up)));
                break;
            }
            if now == row || (!down && now < row) {
                break;
            }
            at = now;
        }
        effects
    }
}
