//! Quizzes: the question model, grading and the seeded plan of an attempt. Pure: no I/O.

pub mod grade;
pub mod matcher;
pub mod plan;
pub mod text;

pub use grade::{Grade, Response, grade};
pub use plan::AttemptPlan;

/// A number of points: finite and not negative, by construction. Every score, maximum and
/// question value is one, so a quiz can never hold `nan` or `inf` points and recording an
/// answer can never fail on its score.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Points(f64);

impl Points {
    pub const ZERO: Points = Points(0.0);

    /// `value` as points, when it is finite and not negative.
    pub fn new(value: f64) -> Option<Points> {
        (value.is_finite() && value >= 0.0).then_some(Points(value))
    }

    pub fn get(self) -> f64 {
        self.0
    }

    /// `fraction` of these points, the fraction held to 0–1 (a NaN counts as 0), rounded to
    /// a billionth so that thirds add up to a whole.
    pub fn share(self, fraction: f64) -> Points {
        let fraction = if fraction.is_nan() {
            0.0
        } else {
            fraction.clamp(0.0, 1.0)
        };
        Points(((fraction * self.0) * 1e9).round() / 1e9)
    }
}

impl std::iter::Sum for Points {
    /// Saturates at the largest finite number rather than reaching infinity.
    fn sum<I: Iterator<Item = Points>>(iter: I) -> Points {
        let total: f64 = iter.map(|p| p.0).sum();
        Points(if total.is_finite() { total } else { f64::MAX })
    }
}

impl PartialEq<f64> for Points {
    fn eq(&self, other: &f64) -> bool {
        self.0 == *other
    }
}

impl std::fmt::Display for Points {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// A quiz as the learner meets it, already checked by `course::load`.
#[derive(Debug, Clone, PartialEq)]
pub struct Quiz {
    pub id: String,
    pub title: String,
    /// Percent of the points needed to pass, 0–100.
    pub pass_mark: u8,
    /// 0 means unlimited.
    pub max_attempts: u32,
    pub shuffle: bool,
    /// Ask this many questions drawn from the pool; 0 asks them all.
    pub draw: u32,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// Stable across versions: answers are recorded against it.
    pub id: String,
    /// Markdown.
    pub prompt: String,
    pub points: Points,
    pub explanation: Option<String>,
    /// Hints a learner may open, one at a time, before answering.
    pub hints: Vec<String>,
    pub kind: QuestionKind,
}

/// The seven kinds of question of the bundle format; each is graded in [`grade`].
#[derive(Debug, Clone, PartialEq)]
pub enum QuestionKind {
    /// Exactly one right choice.
    Single { choices: Vec<Choice> },
    /// One or more right choices, with partial credit.
    Multiple { choices: Vec<Choice> },
    TrueFalse {
        answer: bool,
        feedback_true: Option<String>,
        feedback_false: Option<String>,
    },
    /// A typed answer, compared ignoring case, extra spaces and accents, and, unless the
    /// question says `exact = true`, forgiving what [`matcher`] forgives.
    Text {
        answers: Vec<TextAnswer>,
        matching: matcher::Matching,
    },
    /// A number within a range (a value with a tolerance becomes a range).
    Number { answers: Vec<NumberAnswer> },
    /// Items to put in order; written in the right order, shown shuffled.
    Order { items: Vec<String> },
    /// Each left item pairs with one right item; `distractors` are extra right items that
    /// pair with nothing.
    Match {
        pairs: Vec<(String, String)>,
        distractors: Vec<String>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub text: String,
    pub correct: bool,
    pub feedback: Option<String>,
    /// Percent of the points this choice adds (or, negative, takes away) in a `multiple`
    /// question, as Moodle GIFT writes `~%50%`. `None` uses the default sharing.
    pub weight: Option<f64>,
}

/// One accepted (or, with weight 0, anticipated wrong) typed answer.
#[derive(Debug, Clone, PartialEq)]
pub struct TextAnswer {
    pub text: String,
    /// Percent of the points it earns; 100 for a fully right answer.
    pub weight: f64,
    pub feedback: Option<String>,
}

/// A range of numbers and what an answer inside it earns.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberAnswer {
    pub min: f64,
    pub max: f64,
    pub weight: f64,
    pub feedback: Option<String>,
}

impl QuestionKind {
    /// The type's name as written in a quiz file.
    pub fn name(&self) -> &'static str {
        match self {
            QuestionKind::Single { .. } => "single",
            QuestionKind::Multiple { .. } => "multiple",
            QuestionKind::TrueFalse { .. } => "true-false",
            QuestionKind::Text { .. } => "text",
            QuestionKind::Number { .. } => "number",
            QuestionKind::Order { .. } => "order",
            QuestionKind::Match { .. } => "match",
        }
    }

    /// How many options are shown in an order the attempt's plan fixes: the choices, the
    /// two truth values, the items to order, or the right-hand items to match. Typed
    /// answers have none.
    pub fn option_count(&self) -> usize {
        match self {
            QuestionKind::Single { choices } | QuestionKind::Multiple { choices } => choices.len(),
            QuestionKind::TrueFalse { .. } => 2,
            QuestionKind::Text { .. } | QuestionKind::Number { .. } => 0,
            QuestionKind::Order { items } => items.len(),
            QuestionKind::Match { pairs, distractors } => pairs.len() + distractors.len(),
        }
    }

    /// The right-hand items of a `match`, pairs' first, then distractors.
    pub fn match_options(&self) -> Vec<&str> {
        match self {
            QuestionKind::Match { pairs, distractors } => pairs
                .iter()
                .map(|(_, r)| r.as_str())
                .chain(distractors.iter().map(String::as_str))
                .collect(),
            _ => Vec::new(),
        }
    }
}

impl Quiz {
    /// Lets the typed answers of every forgiving question leave out `articles`: a quiz file
    /// does not say its language, its course does.
    pub fn compare_with_articles(&mut self, articles: matcher::Articles) {
        for q in &mut self.questions {
            if let QuestionKind::Text { matching, .. } = &mut q.kind
                && *matching != matcher::Matching::Exact
            {
                *matching = matcher::Matching::Forgiving(articles);
            }
        }
    }

    pub fn total_points(&self) -> Points {
        self.questions.iter().map(|q| q.points).sum()
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// How many more attempts a learner who has used `attempts_used` may start, counting
    /// the `granted` ones a facilitator added; `None` when there is no limit.
    pub fn attempts_left(&self, attempts_used: usize, granted: u32) -> Option<usize> {
        (self.max_attempts > 0)
            .then(|| (self.max_attempts as usize + granted as usize).saturating_sub(attempts_used))
    }
}

/// Percent of `max` that `score` is, rounded down to a whole percent for display. Numbers
/// read back from the records are used as they are; a NaN gives 0.
pub fn percent(score: f64, max: f64) -> u32 {
    if max.is_nan() || max <= 0.0 || score.is_nan() {
        return 0;
    }
    ((score / max) * 100.0 + 1e-9).floor().clamp(0.0, 100.0) as u32
}

/// Whether a score reaches the pass mark. Compared on exact fractions, not the rounded percent.
pub fn passes(score: f64, max: f64, pass_mark: u8) -> bool {
    max > 0.0 && score / max * 100.0 + 1e-9 >= f64::from(pass_mark)
}
