//! Role-check questions read straight from JSON text, for checks in bulk: a portal asks one
//! question per rendered row. The general reader (`Account::question`) walks a parsed JSON
//! tree and keeps a JSON pointer at hand for every field; that costs more than the answer.
//! Here the text is scanned once, with no tree, no copy and no path, for the shape a portal
//! sends; the moment anything is unusual (an unknown id, a null, an escape, an unknown
//! field, a license or an order) the whole batch goes through the general reader, which
//! gives the exact error or the answer. Measured on 10,000 questions in Node: 52 ms through
//! a parsed JSON tree, 32 ms with serde's derive (which added 38 KB of wasm), 22 ms with
//! this scanner (2 KB).

use crate::prelude::*;

use crate::account::Account;
use crate::catalog::Action;
use crate::date::Date;
use crate::error::Result;
use crate::json::{Map, Value};
use crate::json_read::{parse_text, try_map};
use crate::resolve::{Question, Resource, RESOURCE_FIELDS};

impl Account {
    /// Answers a JSON array of `{ user, action, resource, on? }` questions; a question
    /// without `on` (or with `on: null`) is asked for `today` (the caller's date; checked like
    /// any `on`, so a bad one is reported at the question that uses it).
    pub fn can_many_text(&self, text: &str, today: &str) -> Result<Vec<bool>> {
        let default_on = Date::parse(today);
        let fast = scan_questions(text).and_then(|list| {
            try_map(&list, |_, q| {
                self.fast_question(q, default_on)
                    .map(|q| self.decide(&q))
                    .ok_or(())
            })
            .ok()
        });
        match fast {
            Some(answers) => Ok(answers),
            None => {
                let mut value = parse_text(text)?;
                if let Value::Array(items) = &mut value {
                    items.iter_mut().for_each(|q| fill_date(q, today));
                }
                self.can_many(&value)
            }
        }
    }

    /// One question from its parts, the resource as JSON text (the JS API's `can` and
    /// `explain`), through the fast reader when it can.
    pub fn question_from_parts(
        &self,
        user: &str,
        action: &str,
        resource: &str,
        on: &str,
    ) -> Result<Question> {
        let mut scanned = Scanned {
            user: Some(user),
            action: Some(action),
            on: Some(on),
            resource: [None; 7],
        };
        let mut s = Scanner::new(resource);
        let fast = s
            .resource(&mut scanned.resource)
            .and_then(|()| s.end())
            .and_then(|()| self.fast_question(&scanned, None));
        match fast {
            Some(question) => Ok(question),
            None => {
                let mut question = Map::default();
                let mut set = |key: &str, value| question.insert(key.to_owned(), value);
                set("user", Value::String(user.to_owned()));
                set("action", Value::String(action.to_owned()));
                set("resource", parse_text(resource)?);
                set("on", Value::String(on.to_owned()));
                self.question(&Value::Object(question), "")
            }
        }
    }

    /// The question, or `None` where the general reader must look (and will complain).
    fn fast_question(&self, q: &Scanned, default_on: Option<Date>) -> Option<Question> {
        let resource = match q.resource {
            [None, None, Some(id), Some(line), None, None, None] => {
                self.contract_line(self.contract_index(id)?, line)?
            }
            [None, Some(id), None, None, None, None, None] => Resource::Va(self.va_index(id)?),
            // Accounts, licenses, devices and orders are rarer; the general reader reads them.
            _ => return None,
        };
        Some(Question {
            user: self.user_index(q.user?)?,
            action: Action::from_id(q.action?)?,
            resource,
            on: match q.on {
                None => default_on?,
                Some(on) => Date::parse(on)?,
            },
        })
    }
}

/// One question as found in the text: each field's string, if given.
#[derive(Default)]
struct Scanned<'a> {
    user: Option<&'a str>,
    action: Option<&'a str>,
    on: Option<&'a str>,
    /// In the order of `RESOURCE_FIELDS`.
    resource: [Option<&'a str>; 7],
}

/// Questions in the strict shape `[{"user": "…", "action": "…", "resource": {"…": "…"},
/// "on": "…"}, …]`, strings without escapes; `None` for anything else, valid JSON or not.
fn scan_questions(text: &str) -> Option<Vec<Scanned<'_>>> {
    let mut s = Scanner::new(text);
    let mut list = Vec::new();
    s.token(b'[')?;
    if s.peek() == Some(b']') {
        s.at += 1;
    } else {
        loop {
            let mut q = Scanned::default();
            s.object(|key, s| match key {
                "user" => set(&mut q.user, s.string()?),
                "action" => set(&mut q.action, s.string()?),
                "on" => set(&mut q.on, s.string()?),
                "resource" => s.resource(&mut q.resource),
                _ => None,
            })?;
            list.push(q);
            match s.next()? {
                b',' => continue,
                b']' => break,
                _ => return None,
            }
        }
    }
    s.end()?;
    Some(list)
}

/// Fills an empty slot; a key given twice is left to the general reader.
fn set<'a>(slot: &mut Option<&'a str>, value: &'a str) -> Option<()> {
    slot.replace(value).is_none().then_some(())
}

struct Scanner<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Scanner<'a> {
        Scanner { text, at: 0 }
    }

    /// Only white space is left.
    fn end(&mut self) -> Option<()> {
        self.skip_space();
        (self.at == self.text.len()).then_some(())
    }

    /// A resource object, its fields' strings put in the slots of `RESOURCE_FIELDS`.
    fn resource(&mut self, slots: &mut [Option<&'a str>; 7]) -> Option<()> {
        self.object(|key, s| {
            let slot = RESOURCE_FIELDS.iter().position(|k| *k == key)?;
            set(slots.get_mut(slot)?, s.string()?)
        })
    }

    #[inline(always)]
    fn skip_space(&mut self) {
        while matches!(self.byte(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at += 1;
        }
    }

    #[inline(always)]
    fn byte(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    /// The next byte that is not white space.
    #[inline(always)]
    fn peek(&mut self) -> Option<u8> {
        self.skip_space();
        self.byte()
    }

    #[inline(always)]
    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.at += 1;
        Some(b)
    }

    #[inline(always)]
    fn token(&mut self, expected: u8) -> Option<()> {
        (self.next()? == expected).then_some(())
    }

    /// A string with no escapes and no control characters (JSON forbids those raw).
    fn string(&mut self) -> Option<&'a str> {
        self.token(b'"')?;
        let start = self.at;
        loop {
            match self.byte()? {
                b'"' => break,
                b'\\' => return None,
                b if b < 0x20 => return None,
                _ => self.at += 1,
            }
        }
        let text = self.text.get(start..self.at)?;
        self.at += 1;
        Some(text)
    }

    /// `{"key": value, …}`, handing each key to `field`, which reads its value.
    fn object(&mut self, mut field: impl FnMut(&'a str, &mut Self) -> Option<()>) -> Option<()> {
        self.token(b'{')?;
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Some(());
        }
        loop {
            let key = self.string()?;
            self.token(b':')?;
            field(key, self)?;
            match self.next()? {
                b',' => continue,
                b'}' => return Some(()),
                _ => return None,
            }
        }
    }
}

/// Sets `on` to `today` in a request or question object that leaves it out or null.
pub fn fill_date(value: &mut Value, today: &str) {
    if let Value::Object(map) = value {
        if map.get("on").is_none_or(Value::is_null) {
            map.insert("on".into(), Value::String(today.to_owned()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scanner takes exactly the strict shape, and only valid JSON.
    #[test]
    fn scanner_takes_the_strict_shape_and_leaves_the_rest() {
        let one = r#"[ {"user" : "u", "action":"viewAll",
            "resource": {"contract": "C", "line": "1"}, "on": "2026-11-23"} ]"#;
        let list = scan_questions(one).unwrap_or_default();
        let [q] = list.as_slice() else {
            panic!("one question expected")
        };
        assert_eq!(
            (q.user, q.action, q.on),
            (Some("u"), Some("viewAll"), Some("2026-11-23"))
        );
        assert_eq!(q.resource[2..4], [Some("C"), Some("1")]);
        assert_eq!(scan_questions(" [ ] ").map(|l| l.len()), Some(0));
        assert_eq!(scan_questions("[{}, {}]").map(|l| l.len()), Some(2));
        for other in [
            "",
            "[",
            "[{}",
            "[{},]",
            "[{}] x",
            r#"[{"user": "u",}]"#,
            r#"[{"user": "u" "action": "a"}]"#,
            r#"[{"user": "u", "user": "v"}]"#,
            r#"[{"user": "\u0075"}]"#,
            "[{\"user\": \"tab\there\"}]",
            r#"[{"user": null}]"#,
            r#"[{"user": 1}]"#,
            r#"[{"when": "today"}]"#,
            r#"[{"resource": {"contract": {"id": "C"}}}]"#,
            r#"[{"resource": {"shelf": "3"}}]"#,
            r#"{"user": "u"}"#,
        ] {
            assert!(scan_questions(other).is_none(), "{other}");
        }
    }
}
