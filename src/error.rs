//! The one error type of the engine: a stable code, a JSON pointer into the offending input
//! and a sentence a person can act on. Errors are data too: they serialize as
//! `{ code, path, message }`.

use serde::Serialize;
use tsify::Tsify;

/// Stable, machine-readable error codes. The strings are part of the public API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ErrorCode {
    InvalidJson,
    InvalidValue,
    DuplicateId,
    UnknownReference,
    InvalidDate,
    InvalidRole,
    NotSaAdmin,
    EmptyRequest,
    SmartAccessRoleRequired,
    SmartAccessAlreadyMigrated,
    ContractRoleRequired,
    UnknownAction,
    TooLarge,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 13] = [
        ErrorCode::InvalidJson,
        ErrorCode::InvalidValue,
        ErrorCode::DuplicateId,
        ErrorCode::UnknownReference,
        ErrorCode::InvalidDate,
        ErrorCode::InvalidRole,
        ErrorCode::NotSaAdmin,
        ErrorCode::EmptyRequest,
        ErrorCode::SmartAccessRoleRequired,
        ErrorCode::SmartAccessAlreadyMigrated,
        ErrorCode::ContractRoleRequired,
        ErrorCode::UnknownAction,
        ErrorCode::TooLarge,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidJson => "INVALID_JSON",
            ErrorCode::InvalidValue => "INVALID_VALUE",
            ErrorCode::DuplicateId => "DUPLICATE_ID",
            ErrorCode::UnknownReference => "UNKNOWN_REFERENCE",
            ErrorCode::InvalidDate => "INVALID_DATE",
            ErrorCode::InvalidRole => "INVALID_ROLE",
            ErrorCode::NotSaAdmin => "NOT_SA_ADMIN",
            ErrorCode::EmptyRequest => "EMPTY_REQUEST",
            ErrorCode::SmartAccessRoleRequired => "SMART_ACCESS_ROLE_REQUIRED",
            ErrorCode::SmartAccessAlreadyMigrated => "SMART_ACCESS_ALREADY_MIGRATED",
            ErrorCode::ContractRoleRequired => "CONTRACT_ROLE_REQUIRED",
            ErrorCode::UnknownAction => "UNKNOWN_ACTION",
            ErrorCode::TooLarge => "TOO_LARGE",
        }
    }
}

/// Every failure of the engine. `path` is a JSON pointer (RFC 6901) into the input that
/// caused it: the account snapshot for load errors, the request for request errors.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("{} at {}: {message}", code.as_str(), if path.is_empty() { "the top level" } else { path.as_str() })]
pub struct Error {
    pub code: ErrorCode,
    pub path: String,
    pub message: String,
}

impl Error {
    pub fn new(code: ErrorCode, path: impl Into<String>, message: impl Into<String>) -> Self {
        Error {
            code,
            path: path.into(),
            message: message.into(),
        }
    }
}

pub type Result<T> = core::result::Result<T, Error>;

/// A value from the input, quoted in a message: at most 60 characters of it, `"`, `\` and
/// control characters escaped, and "…" where it is cut. Input can make an id of any length,
/// and a message that repeats 30 MB of it helps nobody.
pub fn quoted(value: &str) -> String {
    const SHOWN: usize = 60;
    let mut out = String::from("\"");
    for (i, c) in value.chars().enumerate() {
        if i == SHOWN {
            out.push('…');
            break;
        }
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.extend(c.escape_default()),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Appends one reference token to a JSON pointer, escaping `~` and `/` as RFC 6901 asks.
pub fn pointer_push(base: &str, token: &str) -> String {
    let mut out = String::with_capacity(base.len() + token.len() + 1);
    out.push_str(base);
    out.push('/');
    for ch in token.chars() {
        match ch {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_tokens_are_escaped() {
        assert_eq!(pointer_push("/exclude", "a/b~c"), "/exclude/a~1b~0c");
        assert_eq!(pointer_push("", "users"), "/users");
    }

    #[test]
    fn display_names_code_path_and_message() {
        let e = Error::new(ErrorCode::InvalidDate, "/on", "not a date");
        assert_eq!(e.to_string(), "INVALID_DATE at /on: not a date");
        let e = Error::new(ErrorCode::EmptyRequest, "", "nothing to do");
        assert_eq!(
            e.to_string(),
            "EMPTY_REQUEST at the top level: nothing to do"
        );
    }

    #[test]
    fn codes_serialize_as_their_strings() {
        for code in ErrorCode::ALL {
            assert_eq!(
                serde_json::to_string(&code).ok(),
                Some(format!("\"{}\"", code.as_str()))
            );
        }
    }
}
