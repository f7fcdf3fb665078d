//! A table of figures under a line of headings, as the reports screen shows it: the first
//! column names the row and takes the width that is left; every other column is as wide as
//! its heading or its widest figure, and right-aligned, so each figure stands under its
//! heading in every language and at every width.

use super::widgets::{cells, truncate};

/// The narrowest a name column gets before headings are cut to make room for it.
const MIN_NAME: usize = 10;

/// Column widths for a table `width` cells wide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    name: usize,
    figures: Vec<usize>,
}

impl Columns {
    /// Widths for `headings` (the name's first) over `rows` (each a name, then figures).
    /// Headings wider than their figures are cut, widest first, only when the name column
    /// would otherwise be narrower than [`MIN_NAME`].
    pub fn fit(headings: &[String], rows: &[Vec<String>], width: usize) -> Columns {
        let widest = |i: usize| rows.iter().filter_map(|r| r.get(i)).map(|s| cells(s)).max();
        let figure_widths: Vec<usize> = (1..headings.len())
            .map(|i| widest(i).unwrap_or(0))
            .collect();
        let mut figures: Vec<usize> = headings[1..]
            .iter()
            .zip(&figure_widths)
            .map(|(h, &f)| cells(h).max(f))
            .collect();
        let used = |figures: &[usize]| figures.iter().map(|w| w + 1).sum::<usize>();
        while width.saturating_sub(used(&figures)) < MIN_NAME {
            // The column whose heading overhangs its figures most gives up one cell.
            let Some((i, _)) = figures
                .iter()
                .zip(&figure_widths)
                .enumerate()
                .filter(|(_, (w, f))| w > f)
                .max_by_key(|(_, (w, f))| *w - *f)
            else {
                break;
            };
            figures[i] -= 1;
        }
        let wanted = cells(&headings[0]).max(widest(0).unwrap_or(0));
        let name = width.saturating_sub(used(&figures)).min(wanted).max(1);
        Columns { name, figures }
    }

    /// Whether `name` is cut to fit the first column.
    pub fn cuts_name(&self, name: &str) -> bool {
        cells(name) > self.name
    }

    /// `cells` laid out in the columns: the first left-aligned, the others right-aligned,
    /// each cut with `…` if it is wider than its column.
    pub fn line(&self, cells_of_row: &[String]) -> String {
        let mut out = String::new();
        for (i, text) in cells_of_row.iter().enumerate() {
            let width = if i == 0 {
                self.name
            } else {
                match self.figures.get(i - 1) {
                    Some(&w) => w,
                    None => break,
                }
            };
            let text = truncate(text, width);
            let pad = " ".repeat(width.saturating_sub(cells(&text)));
            if i == 0 {
                out.push_str(&text);
                out.push_str(&pad);
            } else {
                out.push(' ');
                out.push_str(&pad);
                out.push_str(&text);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    /// Where each heading ends must be where each figure ends.
    fn ends(line: &str, words: &[&str]) -> Vec<usize> {
        let mut from = 0;
        words
            .iter()
            .map(|w| {
                let at = line[from..].find(w).unwrap() + from;
                from = at + w.len();
                line[..from].chars().count()
            })
            .collect()
    }

    #[test]
    fn figures_end_where_their_headings_end() {
        let heads = strings(&["Course", "Started", "Rate", "Certificates"]);
        let rows = vec![strings(&[
            "Gender equality: key concepts",
            "12",
            "100%",
            "3",
        ])];
        let c = Columns::fit(&heads, &rows, 70);
        let head = c.line(&heads);
        let row = c.line(&rows[0]);
        assert_eq!(
            ends(&head, &["Started", "Rate", "Certificates"]),
            ends(&row, &["12", "100%", "3"]),
            "\n{head}\n{row}"
        );
        assert!(row.starts_with("Gender equality: key concepts"), "{row}");
    }

    #[test]
    fn a_narrow_table_cuts_the_name_then_the_longest_headings() {
        let heads = strings(&["Curso", "Iniciado", "Terminado", "Certificados"]);
        let rows = vec![strings(&[
            "La Declaración y Plataforma de Acción",
            "4",
            "3",
            "1",
        ])];
        let wide = Columns::fit(&heads, &rows, 60);
        assert!(wide.line(&heads).contains("Certificados"));
        assert!(wide.line(&rows[0]).contains('…'));
        let narrow = Columns::fit(&heads, &rows, 40);
        let head = narrow.line(&heads);
        assert_eq!(cells(&head), 40, "{head}");
        assert_eq!(cells(&narrow.line(&rows[0])), 40);
        assert_eq!(narrow.name, MIN_NAME, "{head}");
        assert!(
            head.ends_with("Iniciado Terminado Certifica…"),
            "only the widest heading gave way: {head}"
        );
    }

    #[test]
    fn a_short_name_column_does_not_push_the_figures_right() {
        let heads = strings(&["Quiz", "Attempts"]);
        let rows = vec![strings(&["Check", "7"])];
        let c = Columns::fit(&heads, &rows, 80);
        assert_eq!(c.line(&heads), "Quiz  Attempts");
        assert_eq!(c.line(&rows[0]), "Check        7");
    }
}
