//! Terraform built-in functions: each function called directly (normal behaviour, Unknown
//! propagation, location and `source_ref` passthrough, errors and limits), then realistic
//! modules evaluated end to end.

use cloudsentinel_model::{FileId, Location, SourceDb, TextRange};
use cloudsentinel_parser::dynvalue::{Dyn, DynKind};
use cloudsentinel_parser::terraform::eval::{MAX_COLLECTION_LEN, MAX_STRING_LEN};
use cloudsentinel_parser::terraform::functions::{FnHost, call};
use cloudsentinel_parser::terraform::ir::{TfEvaluation, TfResource};
use cloudsentinel_parser::{LoadOptions, discover, terraform};
use indexmap::IndexMap;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::path::Path;

// ---- helpers ---------------------------------------------------------------------------------

/// Files by path; a value starting with `ERR:` is a read error with that message.
#[derive(Default)]
struct TestHost {
    files: HashMap<String, String>,
}

impl TestHost {
    fn with(files: &[(&str, &str)]) -> TestHost {
        TestHost {
            files: files
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }
}

impl FnHost for TestHost {
    fn read_file(&self, path: &str) -> Result<String, String> {
        match self.files.get(path) {
            Some(t) => match t.strip_prefix("ERR:") {
                Some(e) => Err(format!("{path}: {e}")),
                None => Ok(t.clone()),
            },
            None => Err(format!("{path}: No such file or directory (os error 2)")),
        }
    }

    /// Replaces `${name}` with the variable's value; Unknown if a used variable is.
    fn render_template(&self, template: &str, vars: &IndexMap<String, Dyn>) -> Dyn {
        let mut out = template.to_string();
        for (k, v) in vars {
            let pat = format!("${{{k}}}");
            if out.contains(&pat) {
                match v.to_string_lossy() {
                    Some(s) => out = out.replace(&pat, &s),
                    None => return Dyn::unknown(),
                }
            }
        }
        Dyn::string(out)
    }
}

fn run(name: &str, args: Vec<Dyn>) -> Result<Dyn, String> {
    call(name, args, &TestHost::default())
}

#[track_caller]
fn ok(name: &str, args: Vec<Dyn>) -> Dyn {
    match run(name, args) {
        Ok(v) => v,
        Err(e) => panic!("{name} failed: {e}"),
    }
}

#[track_caller]
fn err(name: &str, args: Vec<Dyn>) -> String {
    match run(name, args) {
        Ok(v) => panic!("{name} should fail, got {v:?}"),
        Err(e) => {
            assert!(
                !e.starts_with("unsupported function"),
                "{name}: an error, not unsupported: {e}"
            );
            e
        }
    }
}

/// The result as JSON (it must be wholly known).
#[track_caller]
fn j(name: &str, args: Vec<Dyn>) -> Value {
    let v = ok(name, args);
    v.to_json()
        .unwrap_or_else(|| panic!("{name} result has unknown parts: {v:?}"))
}

#[track_caller]
fn unknown(name: &str, args: Vec<Dyn>) {
    let v = ok(name, args);
    assert!(v.is_unknown(), "{name} should be unknown, got {v:?}");
}

/// A value from JSON.
fn v(j: Value) -> Dyn {
    Dyn::from_json(&j, None)
}

fn s(x: &str) -> Dyn {
    Dyn::string(x)
}

fn n(x: f64) -> Dyn {
    Dyn::number(x)
}

fn u() -> Dyn {
    Dyn::unknown()
}

fn l(items: Vec<Dyn>) -> Dyn {
    Dyn::list(items)
}

fn m(entries: Vec<(&str, Dyn)>) -> Dyn {
    Dyn::map(
        entries
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

fn loc(start: usize) -> Location {
    Location::new(FileId(7), TextRange::new(start, start + 1))
}

/// A string located at `start`.
fn sl(x: &str, start: usize) -> Dyn {
    Dyn::string(x).with_loc(loc(start))
}

fn num(d: &Dyn) -> f64 {
    match d.kind {
        DynKind::Number(x) => x,
        _ => panic!("not a number: {d:?}"),
    }
}

// ---- numeric ---------------------------------------------------------------------------------

#[test]
fn abs_ceil_floor_signum() {
    assert_eq!(j("abs", vec![n(-3.5)]), json!(3.5));
    assert_eq!(j("abs", vec![s("-2")]), json!(2));
    assert_eq!(j("ceil", vec![n(1.2)]), json!(2));
    assert_eq!(j("floor", vec![n(-1.2)]), json!(-2));
    assert_eq!(j("signum", vec![n(-7.0)]), json!(-1));
    assert_eq!(j("signum", vec![n(0.0)]), json!(0));
    assert_eq!(j("signum", vec![n(3.0)]), json!(1));
    unknown("abs", vec![u()]);
    assert!(err("abs", vec![]).contains("expects 1 argument"));
    assert!(err("abs", vec![Dyn::null()]).contains("null"));
    assert!(err("abs", vec![v(json!([1]))]).contains("number"));
    assert!(err("ceil", vec![s("x")]).contains("number"));
    assert!(err("floor", vec![Dyn::bool(true)]).contains("number"));
}

#[test]
fn log_pow_and_non_finite_results() {
    assert_eq!(j("log", vec![n(16.0), n(2.0)]), json!(4));
    assert_eq!(j("pow", vec![n(3.0), n(2.0)]), json!(9));
    assert!((num(&ok("pow", vec![n(2.0), n(0.5)])) - std::f64::consts::SQRT_2).abs() < 1e-12);
    unknown("log", vec![u(), n(2.0)]);
    unknown("pow", vec![n(2.0), u()]);
    assert!(err("log", vec![n(0.0), n(10.0)]).contains("finite"));
    assert!(err("pow", vec![n(10.0), n(400.0)]).contains("finite"));
}

#[test]
fn max_min_sum() {
    assert_eq!(j("max", vec![n(12.0), n(54.0), n(3.0)]), json!(54));
    assert_eq!(j("min", vec![n(12.0), n(54.0), n(3.0)]), json!(3));
    assert_eq!(j("max", vec![s("7"), n(3.0)]), json!(7));
    unknown("max", vec![n(1.0), u()]);
    unknown("min", vec![u(), n(1.0)]);
    assert!(err("max", vec![]).contains("at least one"));
    assert!(err("min", vec![n(1.0), s("x")]).contains("argument 2"));

    assert_eq!(j("sum", vec![v(json!([1, 2, 3.5]))]), json!(6.5));
    assert_eq!(j("sum", vec![v(json!(["1", 2]))]), json!(3));
    unknown("sum", vec![l(vec![n(1.0), u()])]);
    unknown("sum", vec![u()]);
    assert!(err("sum", vec![v(json!([]))]).contains("empty"));
    assert!(err("sum", vec![v(json!([1, null]))]).contains("null"));
}

#[test]
fn parseint_bases() {
    assert_eq!(j("parseint", vec![s("100"), n(10.0)]), json!(100));
    assert_eq!(j("parseint", vec![s("FF"), n(16.0)]), json!(255));
    assert_eq!(j("parseint", vec![s("ff"), n(16.0)]), json!(255));
    assert_eq!(j("parseint", vec![s("-101"), n(2.0)]), json!(-5));
    assert_eq!(j("parseint", vec![s("zz"), n(36.0)]), json!(1295));
    assert_eq!(j("parseint", vec![s("Z"), n(62.0)]), json!(61));
    assert_eq!(j("parseint", vec![s("z"), n(62.0)]), json!(35));
    unknown("parseint", vec![u(), n(10.0)]);
    assert!(err("parseint", vec![s("12"), n(2.0)]).contains("base 2"));
    assert!(err("parseint", vec![s(""), n(10.0)]).contains("cannot parse"));
    assert!(err("parseint", vec![s("1"), n(1.0)]).contains("between 2 and 62"));
    assert!(err("parseint", vec![s("1"), n(63.0)]).contains("between 2 and 62"));
    assert!(err("parseint", vec![s("0x10"), n(16.0)]).contains("cannot parse"));
}

// ---- strings ---------------------------------------------------------------------------------

#[test]
fn simple_string_functions() {
    assert_eq!(j("chomp", vec![s("hello\n\r\n")]), json!("hello"));
    assert_eq!(j("chomp", vec![s("a\nb")]), json!("a\nb"));
    assert_eq!(j("lower", vec![s("HÉLLO")]), json!("héllo"));
    assert_eq!(j("upper", vec![s("héllo")]), json!("HÉLLO"));
    assert_eq!(j("upper", vec![n(1.5)]), json!("1.5"));
    assert_eq!(j("trimspace", vec![s("  hello\n\t")]), json!("hello"));
    assert_eq!(j("trim", vec![s("?!hello?!"), s("!?")]), json!("hello"));
    assert_eq!(
        j("trimprefix", vec![s("helloworld"), s("hello")]),
        json!("world")
    );
    assert_eq!(j("trimprefix", vec![s("hello"), s("x")]), json!("hello"));
    assert_eq!(
        j("trimsuffix", vec![s("helloworld"), s("world")]),
        json!("hello")
    );
    assert_eq!(
        j("title", vec![s("hello world-foo_bar élan")]),
        json!("Hello World-Foo_bar Élan")
    );
    assert_eq!(j("startswith", vec![s("hello"), s("he")]), json!(true));
    assert_eq!(j("startswith", vec![s("hello"), s("lo")]), json!(false));
    assert_eq!(j("endswith", vec![s("hello"), s("lo")]), json!(true));
    assert_eq!(j("strcontains", vec![s("hello"), s("ell")]), json!(true));
    assert_eq!(
        j("indent", vec![n(2.0), s("a\nb\n c")]),
        json!("a\n  b\n   c")
    );
    for f in ["chomp", "lower", "upper", "trimspace", "title", "strrev"] {
        unknown(f, vec![u()]);
        assert!(err(f, vec![Dyn::null()]).contains("null"), "{f}");
        assert!(err(f, vec![v(json!(["a"]))]).contains("string"), "{f}");
    }
    unknown("startswith", vec![s("a"), u()]);
    unknown("trim", vec![u(), s("a")]);
    unknown("indent", vec![u(), s("a")]);
    assert!(err("indent", vec![n(-1.0), s("x")]).contains("negative"));
    assert_eq!(
        j("indent", vec![n(9.0e15), s("one line")]),
        json!("one line")
    );
    assert!(err("indent", vec![n(9.0e15), s("a\nb")]).contains("limit"));
    assert!(err("indent", vec![n(1000.0), s(&"\n".repeat(10_000))]).contains("limit"));
}

#[test]
fn characters_are_grapheme_clusters() {
    assert_eq!(j("strrev", vec![s("hello")]), json!("olleh"));
    assert_eq!(j("strrev", vec![s("e\u{301}a")]), json!("ae\u{301}"));
    assert_eq!(j("strrev", vec![s("🇬🇧🇫🇷")]), json!("🇫🇷🇬🇧"));
    assert_eq!(j("strrev", vec![s("a\r\nb")]), json!("b\r\na"));
    assert_eq!(j("length", vec![s("héllo")]), json!(5));
    assert_eq!(j("length", vec![s("🇬🇧")]), json!(1));
    assert_eq!(j("length", vec![s("👩‍👩‍👧")]), json!(1));
}

#[test]
fn substr_counts_characters_and_never_panics() {
    assert_eq!(
        j("substr", vec![s("hello world"), n(1.0), n(4.0)]),
        json!("ello")
    );
    assert_eq!(j("substr", vec![s("🤔🤷"), n(0.0), n(1.0)]), json!("🤔"));
    assert_eq!(j("substr", vec![s("héllo"), n(1.0), n(1.0)]), json!("é"));
    assert_eq!(
        j("substr", vec![s("hello world"), n(-5.0), n(-1.0)]),
        json!("world")
    );
    assert_eq!(j("substr", vec![s("hello"), n(-10.0), n(2.0)]), json!("he"));
    assert_eq!(j("substr", vec![s("hello"), n(10.0), n(2.0)]), json!(""));
    assert_eq!(j("substr", vec![s("hello"), n(2.0), n(0.0)]), json!(""));
    assert_eq!(
        j("substr", vec![s("hello"), n(2.0), n(100.0)]),
        json!("llo")
    );
    assert_eq!(j("substr", vec![s(""), n(-1.0), n(5.0)]), json!(""));
    assert_eq!(
        j("substr", vec![s("hello"), n(-9.0e15), n(9.0e15)]),
        json!("hello")
    );
    unknown("substr", vec![s("x"), u(), n(1.0)]);
    assert!(err("substr", vec![s("abc"), n(0.0), n(1.5)]).contains("whole number"));
    assert!(err("substr", vec![s("abc"), n(0.0)]).contains("expects 3"));
}

#[test]
fn split_and_join() {
    assert_eq!(
        j("split", vec![s(","), s("a,b,,c")]),
        json!(["a", "b", "", "c"])
    );
    assert_eq!(j("split", vec![s(","), s("")]), json!([""]));
    assert_eq!(j("split", vec![s(""), s("abc")]), json!(["a", "b", "c"]));
    unknown("split", vec![s(","), u()]);
    assert!(err("split", vec![s(","), s(&",".repeat(MAX_COLLECTION_LEN))]).contains("limit"));

    assert_eq!(
        j("join", vec![s(", "), v(json!(["a", "b"])), v(json!(["c"]))]),
        json!("a, b, c")
    );
    assert_eq!(
        j("join", vec![s(","), v(json!([1, true]))]),
        json!("1,true")
    );
    assert_eq!(j("join", vec![s(","), v(json!([]))]), json!(""));
    unknown("join", vec![s(","), l(vec![s("a"), u()])]);
    unknown("join", vec![s(","), u()]);
    assert!(err("join", vec![s(",")]).contains("at least 2"));
    assert!(err("join", vec![s(","), v(json!(["a", null]))]).contains("null"));
    assert!(err("join", vec![s(","), v(json!([["a"]]))]).contains("string"));
    assert!(err("join", vec![s(","), s("a")]).contains("list"));
    let big = l(vec![s(&"x".repeat(1024)); 5000]);
    assert!(err("join", vec![s(","), big]).contains("limit"));
}

#[test]
fn format_verbs_follow_go_printf() {
    let f = |spec: &str, args: Vec<Dyn>| -> Value {
        let mut all = vec![s(spec)];
        all.extend(args);
        j("format", all)
    };
    assert_eq!(f("Hello, %s!", vec![s("Ander")]), json!("Hello, Ander!"));
    assert_eq!(
        f("There are %d lights", vec![n(4.0)]),
        json!("There are 4 lights")
    );
    assert_eq!(f("100%%", vec![]), json!("100%"));
    assert_eq!(
        f(
            "%5d|%-5d|%05d|%+d|% d",
            vec![n(42.0), n(42.0), n(-42.0), n(5.0), n(5.0)]
        ),
        json!("   42|42   |-0042|+5| 5")
    );
    assert_eq!(f("%.3d", vec![n(7.0)]), json!("007"));
    assert_eq!(
        f(
            "%x %X %o %b %#x %#o %#b %x",
            vec![
                n(255.0),
                n(255.0),
                n(8.0),
                n(5.0),
                n(255.0),
                n(8.0),
                n(5.0),
                n(-255.0)
            ]
        ),
        json!("ff FF 10 101 0xff 010 0b101 -ff")
    );
    assert_eq!(f("%d", vec![s("12")]), json!("12"));
    assert_eq!(f("%d", vec![n(1e20)]), json!("100000000000000000000"));
    assert_eq!(f("%.2f", vec![n(1.23456)]), json!("1.23"));
    assert_eq!(f("%8.3f|", vec![n(1.23456)]), json!("   1.235|"));
    assert_eq!(f("%f", vec![n(1.0)]), json!("1.000000"));
    assert_eq!(f("%010.2f", vec![n(-3.5)]), json!("-000003.50"));
    assert_eq!(f("%-8.1f|", vec![n(2.25)]), json!("2.2     |"));
    assert_eq!(f("%e", vec![n(123_456.789)]), json!("1.234568e+05"));
    assert_eq!(f("%E", vec![n(0.000_123)]), json!("1.230000E-04"));
    assert_eq!(f("%.1e", vec![n(0.0)]), json!("0.0e+00"));
    assert_eq!(f("%g", vec![n(1_000_000.0)]), json!("1e+06"));
    assert_eq!(f("%g", vec![n(123.456)]), json!("123.456"));
    assert_eq!(f("%g", vec![n(100_000.0)]), json!("100000"));
    assert_eq!(f("%g", vec![n(0.0001)]), json!("0.0001"));
    assert_eq!(f("%g", vec![n(0.00001)]), json!("1e-05"));
    assert_eq!(f("%G", vec![n(1e-10)]), json!("1E-10"));
    assert_eq!(f("%.3g", vec![n(1.23456)]), json!("1.23"));
    assert_eq!(f("%.3g", vec![n(1_234_567.0)]), json!("1.23e+06"));
    assert_eq!(f("%.3g", vec![n(1.0)]), json!("1"));
    assert_eq!(
        f("%t %t", vec![Dyn::bool(true), s("false")]),
        json!("true false")
    );
    assert_eq!(
        f(
            "%v %v %v %v %v",
            vec![s("s"), n(1.5), n(3.0), Dyn::bool(true), Dyn::null()]
        ),
        json!("s 1.5 3 true null")
    );
    assert_eq!(f("%v", vec![v(json!([1, "a"]))]), json!("[1,\"a\"]"));
    assert_eq!(
        f("%#v", vec![v(json!({"b": 1, "a": "<"}))]),
        json!("{\"a\":\"\\u003c\",\"b\":1}")
    );
    assert_eq!(f("%#v", vec![s("hello")]), json!("\"hello\""));
    assert_eq!(f("%q", vec![s("a\"b")]), json!("\"a\\\"b\""));
    assert_eq!(
        f(
            "%.3s|%5s|%-5s|%05s",
            vec![s("abcdef"), s("ab"), s("ab"), s("ab")]
        ),
        json!("abc|   ab|ab   |000ab")
    );
    assert_eq!(f("%5s|", vec![s("é")]), json!("    é|"));
    assert_eq!(f("%s", vec![n(2.0)]), json!("2"));
    assert_eq!(f("%[2]s %[1]s %s", vec![s("a"), s("b")]), json!("b a b"));
    assert_eq!(f("héllo %s ✓", vec![s("wörld")]), json!("héllo wörld ✓"));
}

#[test]
fn format_errors_and_unknowns() {
    let e = |spec: &str, args: Vec<Dyn>| -> String {
        let mut all = vec![s(spec)];
        all.extend(args);
        err("format", all)
    };
    assert!(e("%d", vec![n(1.5)]).contains("integer"));
    assert!(e("%d", vec![]).contains("not enough arguments"));
    assert!(e("%s %s", vec![s("a")]).contains("not enough arguments"));
    assert!(e("%s", vec![s("a"), s("b")]).contains("too many arguments; only 1"));
    assert!(e("x", vec![n(1.0)]).contains("no verbs"));
    assert!(e("%y", vec![n(1.0)]).contains("unsupported format verb"));
    assert!(e("abc %", vec![n(1.0)]).contains("offset 4"));
    assert!(e("%5", vec![n(1.0)]).contains("invalid format"));
    assert!(e("%!", vec![n(1.0)]).contains("unrecognized"));
    assert!(e("%*d", vec![n(1.0), n(2.0)]).contains("not supported"));
    assert!(e("%[0]d", vec![n(1.0)]).contains("invalid format"));
    assert!(e("%[3]d", vec![n(1.0)]).contains("not enough arguments"));
    assert!(e("%d", vec![Dyn::null()]).contains("null"));
    assert!(e("%s", vec![v(json!([1]))]).contains("string is required"));
    assert!(e("%t", vec![n(1.0)]).contains("bool"));
    assert!(e("%d", vec![s("x")]).contains("number"));
    assert!(e("%999999d", vec![n(1.0)]).contains("limit"));
    assert!(e("%.999999f", vec![n(1.0)]).contains("limit"));
    unknown("format", vec![s("%s"), u()]);
    unknown("format", vec![s("%v"), l(vec![u()])]);
    unknown("format", vec![u(), n(1.0)]);
}

#[test]
fn formatlist_iterates_lists_together() {
    assert_eq!(
        j(
            "formatlist",
            vec![s("Hello, %s!"), v(json!(["Valentina", "Ander"]))]
        ),
        json!(["Hello, Valentina!", "Hello, Ander!"])
    );
    assert_eq!(
        j(
            "formatlist",
            vec![s("%s, %s!"), s("Salutations"), v(json!(["a", "b"]))]
        ),
        json!(["Salutations, a!", "Salutations, b!"])
    );
    assert_eq!(
        j(
            "formatlist",
            vec![s("%s=%d"), v(json!(["a", "b"])), v(json!([1, 2]))]
        ),
        json!(["a=1", "b=2"])
    );
    assert_eq!(j("formatlist", vec![s("x")]), json!(["x"]));
    assert_eq!(j("formatlist", vec![s("%s"), v(json!([]))]), json!([]));
    let r = ok("formatlist", vec![s("%s"), l(vec![u(), s("b")])]);
    let items = r.as_list().unwrap();
    assert!(items[0].is_unknown());
    assert_eq!(items[1].as_str(), Some("b"));
    unknown("formatlist", vec![s("%s"), u()]);
    assert!(
        err(
            "formatlist",
            vec![s("%s%s"), v(json!(["a"])), v(json!(["b", "c"]))]
        )
        .contains("inconsistent")
    );
    assert!(err("formatlist", vec![s("%d"), v(json!(["a"]))]).contains("iteration 0"));
}

#[test]
fn regex_shapes_and_errors() {
    assert_eq!(
        j(
            "regex",
            vec![s("[a-z]+"), s("53453453.345345aaabbbccc23454")]
        ),
        json!("aaabbbccc")
    );
    assert_eq!(
        j(
            "regex",
            vec![s(r"(\d\d\d\d)-(\d\d)-(\d\d)"), s("2019-02-01")]
        ),
        json!(["2019", "02", "01"])
    );
    assert_eq!(
        j(
            "regex",
            vec![
                s("^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?"),
                s("https://terraform.io/docs/")
            ]
        ),
        json!({"scheme": "https", "authority": "terraform.io"})
    );
    assert_eq!(j("regex", vec![s("(a)|(b)"), s("b")]), json!([null, "b"]));
    assert!(err("regex", vec![s("x"), s("abc")]).contains("did not match"));
    assert!(err("regex", vec![s("("), s("x")]).contains("invalid regular expression"));
    assert!(err("regex", vec![s("(?P<n>a)(b)"), s("ab")]).contains("mix"));
    assert!(err("regex", vec![s(&"a".repeat(20_000)), s("a")]).contains("limit"));
    assert!(err("regex", vec![s("(a{1000}){1000}"), s("a")]).contains("invalid regular"));
    unknown("regex", vec![u(), s("x")]);
    unknown("regex", vec![s("a"), u()]);
    // The pattern is checked even when the string is unknown.
    assert!(err("regex", vec![s("("), u()]).contains("invalid"));

    assert_eq!(
        j("regexall", vec![s("[a-z]+"), s("1234abcd5678efgh9")]),
        json!(["abcd", "efgh"])
    );
    assert_eq!(
        j("regexall", vec![s("(\\d)([a-z])"), s("1a2b")]),
        json!([["1", "a"], ["2", "b"]])
    );
    assert_eq!(j("regexall", vec![s("[a-z]+"), s("123")]), json!([]));
    unknown("regexall", vec![s("a"), u()]);
    assert!(
        err(
            "regexall",
            vec![s(""), s(&"a".repeat(MAX_COLLECTION_LEN + 1))]
        )
        .contains("limit")
    );
}

#[test]
fn replace_plain_and_regex() {
    assert_eq!(
        j("replace", vec![s("1 + 2 + 3"), s("+"), s("-")]),
        json!("1 - 2 - 3")
    );
    assert_eq!(j("replace", vec![s("a/b"), s("/"), s("-")]), json!("a-b"));
    assert_eq!(
        j(
            "replace",
            vec![s("hello world"), s("/w.*d/"), s("everybody")]
        ),
        json!("hello everybody")
    );
    assert_eq!(
        j("replace", vec![s("a-b c-d"), s(r"/(\w)-(\w)/"), s("$2-$1")]),
        json!("b-a d-c")
    );
    assert_eq!(
        j(
            "replace",
            vec![s("k=v"), s(r"/(?P<k>\w)=(?P<v>\w)/"), s("${v}=${k}")]
        ),
        json!("v=k")
    );
    assert_eq!(j("replace", vec![s("ab"), s(""), s("-")]), json!("-a-b-"));
    unknown("replace", vec![u(), s("a"), s("b")]);
    unknown("replace", vec![s("a"), s("a"), u()]);
    assert!(err("replace", vec![s("x"), s("/[/"), s("y")]).contains("invalid"));
    let big = "a".repeat(100_000);
    assert!(err("replace", vec![s(&big), s("a"), s(&"b".repeat(100))]).contains("limit"));
    assert!(err("replace", vec![s(&big), s("/a/"), s(&"b".repeat(100))]).contains("limit"));
}

// ---- collections -----------------------------------------------------------------------------

#[test]
fn alltrue_anytrue() {
    assert_eq!(j("alltrue", vec![v(json!([]))]), json!(true));
    assert_eq!(j("alltrue", vec![v(json!([true, "true"]))]), json!(true));
    assert_eq!(j("alltrue", vec![v(json!([true, false]))]), json!(false));
    assert_eq!(
        j("alltrue", vec![l(vec![u(), Dyn::bool(false)])]),
        json!(false)
    );
    unknown("alltrue", vec![l(vec![Dyn::bool(true), u()])]);
    unknown("alltrue", vec![u()]);
    assert!(err("alltrue", vec![v(json!([1]))]).contains("bool"));
    assert_eq!(j("anytrue", vec![v(json!([]))]), json!(false));
    assert_eq!(j("anytrue", vec![v(json!([false, "true"]))]), json!(true));
    assert_eq!(
        j("anytrue", vec![l(vec![u(), Dyn::bool(true)])]),
        json!(true)
    );
    unknown("anytrue", vec![l(vec![Dyn::bool(false), u()])]);
}

#[test]
fn chunklist_and_its_limits() {
    assert_eq!(
        j(
            "chunklist",
            vec![v(json!(["a", "b", "c", "d", "e"])), n(2.0)]
        ),
        json!([["a", "b"], ["c", "d"], ["e"]])
    );
    assert_eq!(
        j("chunklist", vec![v(json!(["a", "b"])), n(0.0)]),
        json!([["a", "b"]])
    );
    assert_eq!(j("chunklist", vec![v(json!([])), n(3.0)]), json!([]));
    unknown("chunklist", vec![u(), n(2.0)]);
    unknown("chunklist", vec![v(json!(["a"])), u()]);
    assert!(err("chunklist", vec![v(json!(["a"])), n(-1.0)]).contains("negative"));
    let r = ok("chunklist", vec![l(vec![sl("a", 3), u()]), n(1.0)]);
    let chunks = r.as_list().unwrap();
    assert_eq!(chunks[0].as_list().unwrap()[0].loc, Some(loc(3)));
    assert!(chunks[1].as_list().unwrap()[0].is_unknown());
}

#[test]
fn coalesce_and_coalescelist() {
    assert_eq!(
        j("coalesce", vec![s(""), Dyn::null(), s("b"), s("c")]),
        json!("b")
    );
    assert_eq!(j("coalesce", vec![n(1.0), n(2.0)]), json!(1));
    assert_eq!(j("coalesce", vec![Dyn::null(), n(2.0), s("x")]), json!("2"));
    assert_eq!(j("coalesce", vec![s("a"), u()]), json!("a"));
    unknown("coalesce", vec![u(), s("x")]);
    unknown("coalesce", vec![Dyn::null(), u(), s("x")]);
    assert!(err("coalesce", vec![Dyn::null(), s("")]).contains("no non-null"));
    assert!(err("coalesce", vec![]).contains("at least 1"));
    let r = ok("coalesce", vec![Dyn::null(), sl("x", 9)]);
    assert_eq!(r.loc, Some(loc(9)));

    assert_eq!(
        j(
            "coalescelist",
            vec![v(json!([])), v(json!(["a"])), v(json!(["b"]))]
        ),
        json!(["a"])
    );
    assert_eq!(
        j("coalescelist", vec![Dyn::null(), v(json!(["b"]))]),
        json!(["b"])
    );
    unknown("coalescelist", vec![u(), v(json!(["a"]))]);
    assert_eq!(j("coalescelist", vec![v(json!(["a"])), u()]), json!(["a"]));
    assert!(err("coalescelist", vec![v(json!([])), v(json!([]))]).contains("no non-null"));
    assert!(err("coalescelist", vec![s("a")]).contains("list"));
}

#[test]
fn compact_concat_reverse_slice() {
    assert_eq!(
        j("compact", vec![v(json!(["a", "", null, "b", 1]))]),
        json!(["a", "b", "1"])
    );
    unknown("compact", vec![l(vec![s("a"), u()])]);
    assert!(err("compact", vec![v(json!([["a"]]))]).contains("string"));

    assert_eq!(
        j(
            "concat",
            vec![v(json!(["a"])), v(json!([])), v(json!(["b", "c"]))]
        ),
        json!(["a", "b", "c"])
    );
    unknown("concat", vec![v(json!(["a"])), u()]);
    assert!(err("concat", vec![v(json!(["a"])), s("b")]).contains("argument 2"));
    assert!(err("concat", vec![v(json!(["a"])), Dyn::null()]).contains("null"));
    let from_res = l(vec![sl("id-0", 4), u()]).with_source_ref("aws_subnet.s");
    let r = ok("concat", vec![from_res, l(vec![sl("x", 8)])]);
    let items = r.as_list().unwrap();
    assert_eq!(items[0].loc, Some(loc(4)));
    assert_eq!(items[0].source_ref.as_deref(), Some("aws_subnet.s"));
    assert_eq!(items[1].source_ref.as_deref(), Some("aws_subnet.s"));
    assert!(items[1].is_unknown());
    assert_eq!(items[2].loc, Some(loc(8)));
    assert_eq!(items[2].source_ref, None);

    assert_eq!(j("reverse", vec![v(json!([1, 2, 3]))]), json!([3, 2, 1]));
    unknown("reverse", vec![u()]);

    let abcd = v(json!(["a", "b", "c", "d"]));
    assert_eq!(
        j("slice", vec![abcd.clone(), n(1.0), n(3.0)]),
        json!(["b", "c"])
    );
    assert_eq!(j("slice", vec![abcd.clone(), n(4.0), n(4.0)]), json!([]));
    assert!(err("slice", vec![abcd.clone(), n(-1.0), n(2.0)]).contains("negative"));
    assert!(err("slice", vec![abcd.clone(), n(1.0), n(9.0)]).contains("past the end"));
    assert!(err("slice", vec![abcd, n(3.0), n(1.0)]).contains("greater"));
    unknown("slice", vec![u(), n(0.0), n(1.0)]);
}

#[test]
fn contains_index_distinct_compare_like_terraform() {
    let ab = v(json!(["a", "b"]));
    assert_eq!(j("contains", vec![ab.clone(), s("b")]), json!(true));
    assert_eq!(j("contains", vec![ab.clone(), s("c")]), json!(false));
    assert_eq!(j("contains", vec![v(json!([1])), s("1")]), json!(false));
    assert_eq!(
        j(
            "contains",
            vec![v(json!([{"a": [1]}])), v(json!({"a": [1]}))]
        ),
        json!(true)
    );
    unknown("contains", vec![l(vec![u()]), s("a")]);
    assert_eq!(
        j("contains", vec![l(vec![u(), s("a")]), s("a")]),
        json!(true)
    );
    unknown("contains", vec![u(), s("a")]);
    unknown("contains", vec![ab.clone(), u()]);

    assert_eq!(
        j("index", vec![v(json!(["a", "b", "c"])), s("b")]),
        json!(1)
    );
    assert_eq!(j("index", vec![l(vec![s("a"), u()]), s("a")]), json!(0));
    unknown("index", vec![l(vec![u(), s("a")]), s("a")]);
    assert!(err("index", vec![ab, s("z")]).contains("not found"));

    assert_eq!(
        j("distinct", vec![v(json!(["a", "b", "a", "c", "b"]))]),
        json!(["a", "b", "c"])
    );
    assert_eq!(j("distinct", vec![v(json!([1, "1"]))]), json!([1, "1"]));
    assert_eq!(
        j(
            "distinct",
            vec![v(json!([{"a": 1, "b": 2}, {"b": 2, "a": 1}]))]
        ),
        json!([{"a": 1, "b": 2}])
    );
    unknown("distinct", vec![l(vec![s("a"), u()])]);
    let single = ok("distinct", vec![l(vec![u()])]);
    assert_eq!(single.as_list().map(<[Dyn]>::len), Some(1));
}

#[test]
fn element_wraps_and_passes_values_through() {
    let abc = l(vec![sl("a", 1), sl("b", 2), sl("c", 3)]);
    assert_eq!(j("element", vec![abc.clone(), n(1.0)]), json!("b"));
    assert_eq!(j("element", vec![abc.clone(), n(3.0)]), json!("a"));
    assert_eq!(j("element", vec![abc.clone(), n(-1.0)]), json!("c"));
    assert_eq!(j("element", vec![abc.clone(), n(-4.0)]), json!("c"));
    assert_eq!(ok("element", vec![abc.clone(), n(2.0)]).loc, Some(loc(3)));
    assert!(err("element", vec![v(json!([])), n(0.0)]).contains("empty"));
    assert!(err("element", vec![abc.clone(), n(0.5)]).contains("whole"));
    unknown("element", vec![abc.clone(), u()]);
    // Read from a resource: the element names it, even when unknown.
    let ids = l(vec![u(), s("b")]).with_source_ref("aws_subnet.s");
    let r = ok("element", vec![ids.clone(), n(0.0)]);
    assert!(r.is_unknown());
    assert_eq!(r.source_ref.as_deref(), Some("aws_subnet.s"));
    let r = ok("element", vec![ids, n(1.0)]);
    assert_eq!(r.source_ref.as_deref(), Some("aws_subnet.s"));
    let whole = Dyn::unknown().with_source_ref("aws_subnet.t");
    let r = ok("element", vec![whole, n(0.0)]);
    assert_eq!(r.source_ref.as_deref(), Some("aws_subnet.t"));
    // The element's own source survives when its list has none.
    let inner = Dyn::unknown().with_source_ref("aws_kms_key.k");
    let r = ok("element", vec![l(vec![inner]), n(0.0)]);
    assert_eq!(r.source_ref.as_deref(), Some("aws_kms_key.k"));
}

#[test]
fn flatten_nested_lists() {
    assert_eq!(
        j("flatten", vec![v(json!([["a", "b"], [], ["c", ["d"]]]))]),
        json!(["a", "b", "c", "d"])
    );
    assert_eq!(
        j("flatten", vec![v(json!([{"a": 1}, null, "x"]))]),
        json!([{"a": 1}, null, "x"])
    );
    assert_eq!(j("flatten", vec![v(json!([]))]), json!([]));
    unknown("flatten", vec![l(vec![l(vec![s("a")]), u()])]);
    unknown("flatten", vec![u()]);
    let r = ok(
        "flatten",
        vec![l(vec![l(vec![sl("a", 5)]).with_source_ref("aws_x.y")])],
    );
    let item = &r.as_list().unwrap()[0];
    assert_eq!(item.loc, Some(loc(5)));
    assert_eq!(item.source_ref.as_deref(), Some("aws_x.y"));
    let mut deep = s("x");
    for _ in 0..300 {
        deep = l(vec![deep]);
    }
    assert!(err("flatten", vec![deep]).contains("nested"));
}

#[test]
fn keys_values_length_lookup() {
    let ba = m(vec![("b", sl("1", 1)), ("a", sl("2", 2))]);
    assert_eq!(j("keys", vec![ba.clone()]), json!(["a", "b"]));
    assert_eq!(j("values", vec![ba.clone()]), json!(["2", "1"]));
    assert_eq!(
        ok("values", vec![ba.clone()]).as_list().unwrap()[0].loc,
        Some(loc(2))
    );
    unknown("keys", vec![u()]);
    unknown("values", vec![u()]);
    assert!(err("keys", vec![v(json!([1]))]).contains("list"));

    assert_eq!(j("length", vec![l(vec![u(), n(1.0)])]), json!(2));
    assert_eq!(j("length", vec![ba.clone()]), json!(2));
    assert_eq!(j("length", vec![s("")]), json!(0));
    unknown("length", vec![u()]);
    assert!(err("length", vec![Dyn::null()]).contains("null"));
    assert!(err("length", vec![n(5.0)]).contains("string, a list"));

    let r = ok("lookup", vec![ba.clone(), s("a"), s("d")]);
    assert_eq!(r.as_str(), Some("2"));
    assert_eq!(r.loc, Some(loc(2)));
    assert_eq!(j("lookup", vec![ba.clone(), s("z"), s("d")]), json!("d"));
    assert!(err("lookup", vec![ba.clone(), s("z")]).contains("no element \"z\""));
    unknown("lookup", vec![u(), s("a"), s("d")]);
    unknown("lookup", vec![ba.clone(), u(), s("d")]);
    assert!(err("lookup", vec![v(json!([1])), s("a")]).contains("list"));
    assert!(err("lookup", vec![ba, s("a"), s("d"), s("e")]).contains("expects 2 to 3"));
    // A key missing from a value read from a resource is a computed attribute.
    let res = m(vec![("bucket", s("b"))]).with_source_ref("aws_s3_bucket.b");
    let r = ok("lookup", vec![res.clone(), s("arn"), s("none")]);
    assert!(r.is_unknown());
    assert_eq!(r.source_ref.as_deref(), Some("aws_s3_bucket.b"));
    let r = ok("lookup", vec![res, s("bucket"), s("none")]);
    assert_eq!(r.as_str(), Some("b"));
    assert_eq!(r.source_ref.as_deref(), Some("aws_s3_bucket.b"));
}

#[test]
fn merge_keeps_values_and_later_wins() {
    assert_eq!(
        j(
            "merge",
            vec![v(json!({"a": 1, "b": 2})), v(json!({"b": 3, "c": 4}))]
        ),
        json!({"a": 1, "b": 3, "c": 4})
    );
    assert_eq!(
        j("merge", vec![v(json!({"a": 1})), Dyn::null()]),
        json!({"a": 1})
    );
    assert_eq!(j("merge", vec![]), json!({}));
    unknown("merge", vec![v(json!({"a": 1})), u()]);
    let partly = ok("merge", vec![m(vec![("a", u())]), v(json!({"b": 1}))]);
    assert!(partly.get("a").unwrap().is_unknown());
    assert!(err("merge", vec![v(json!({"a": 1})), v(json!([1]))]).contains("argument 2"));
    let tags = m(vec![("Env", sl("prod", 11))]);
    let res = m(vec![("Owner", s("x"))]).with_source_ref("aws_vpc.v");
    let r = ok("merge", vec![tags, res, m(vec![("Name", sl("n", 12))])]);
    assert_eq!(r.get("Env").unwrap().loc, Some(loc(11)));
    assert_eq!(r.get("Name").unwrap().loc, Some(loc(12)));
    assert_eq!(
        r.get("Owner").unwrap().source_ref.as_deref(),
        Some("aws_vpc.v")
    );
}

#[test]
fn one_range_sort() {
    assert_eq!(j("one", vec![v(json!([]))]), json!(null));
    assert_eq!(j("one", vec![v(json!(["a"]))]), json!("a"));
    assert!(err("one", vec![v(json!(["a", "b"]))]).contains("zero or one"));
    unknown("one", vec![u()]);
    let r = ok("one", vec![l(vec![u()]).with_source_ref("aws_lb.x")]);
    assert_eq!(r.source_ref.as_deref(), Some("aws_lb.x"));

    assert_eq!(j("range", vec![n(3.0)]), json!([0, 1, 2]));
    assert_eq!(j("range", vec![n(1.0), n(4.0)]), json!([1, 2, 3]));
    assert_eq!(j("range", vec![n(4.0), n(1.0)]), json!([4, 3, 2]));
    assert_eq!(
        j("range", vec![n(0.0), n(10.0), n(3.0)]),
        json!([0, 3, 6, 9])
    );
    assert_eq!(
        j("range", vec![n(0.0), n(1.0), n(0.25)]),
        json!([0, 0.25, 0.5, 0.75])
    );
    assert_eq!(j("range", vec![n(1.0), n(1.0)]), json!([]));
    assert_eq!(j("range", vec![n(-3.0)]), json!([0, -1, -2]));
    assert!(err("range", vec![n(0.0), n(1.0), n(0.0)]).contains("zero"));
    assert!(err("range", vec![n(5.0), n(1.0), n(1.0)]).contains("ascending"));
    assert!(err("range", vec![n(1.0), n(5.0), n(-1.0)]).contains("descending"));
    assert!(err("range", vec![n(MAX_COLLECTION_LEN as f64 + 1.0)]).contains("limit"));
    assert!(err("range", vec![n(1e300)]).contains("limit"));
    assert_eq!(
        ok("range", vec![n(MAX_COLLECTION_LEN as f64)])
            .as_list()
            .map(<[Dyn]>::len),
        Some(MAX_COLLECTION_LEN)
    );
    unknown("range", vec![u()]);
    assert!(err("range", vec![]).contains("expects 1 to 3"));

    assert_eq!(
        j("sort", vec![v(json!(["e", "d", "a", "x"]))]),
        json!(["a", "d", "e", "x"])
    );
    assert_eq!(
        j("sort", vec![v(json!([3, 1, "2", 10]))]),
        json!(["1", "10", "2", "3"])
    );
    unknown("sort", vec![l(vec![s("a"), u()])]);
    assert!(err("sort", vec![v(json!(["a", null]))]).contains("null"));
}

#[test]
fn sets_deduplicate_and_order() {
    assert_eq!(
        j(
            "setintersection",
            vec![
                v(json!(["a", "b"])),
                v(json!(["b", "c"])),
                v(json!(["b", "d"]))
            ]
        ),
        json!(["b"])
    );
    assert_eq!(
        j(
            "setsubtract",
            vec![v(json!(["a", "b", "c", "a"])), v(json!(["a", "c"]))]
        ),
        json!(["b"])
    );
    assert_eq!(
        j("setunion", vec![v(json!(["b", "a"])), v(json!(["c", "a"]))]),
        json!(["a", "b", "c"])
    );
    assert_eq!(
        j("setunion", vec![v(json!([3, 1])), v(json!([2, 3]))]),
        json!([1, 2, 3])
    );
    assert_eq!(
        j("setunion", vec![v(json!([1])), v(json!(["1", "a"]))]),
        json!(["1", "a"])
    );
    unknown("setunion", vec![v(json!(["a"])), l(vec![u()])]);
    unknown("setintersection", vec![v(json!(["a"])), u()]);
    unknown("setsubtract", vec![l(vec![u()]), v(json!(["a"]))]);
    assert!(err("setsubtract", vec![v(json!(["a"]))]).contains("expects 2"));

    assert_eq!(
        j("setproduct", vec![v(json!(["a", "b"])), v(json!([1, 2]))]),
        json!([["a", 1], ["a", 2], ["b", 1], ["b", 2]])
    );
    assert_eq!(
        j("setproduct", vec![v(json!([])), v(json!(["x"]))]),
        json!([])
    );
    let r = ok("setproduct", vec![l(vec![sl("a", 6)]), l(vec![u()])]);
    let row = r.as_list().unwrap()[0].as_list().unwrap().to_vec();
    assert_eq!(row[0].loc, Some(loc(6)));
    assert!(row[1].is_unknown());
    unknown("setproduct", vec![v(json!(["a"])), u()]);
    assert!(err("setproduct", vec![v(json!(["a"]))]).contains("at least 2"));
    let thousand = ok("range", vec![n(1000.0)]);
    assert!(err("setproduct", vec![thousand.clone(), thousand.clone()]).contains("limit"));
    // A huge product that is empty anyway is fine.
    assert_eq!(
        j("setproduct", vec![thousand.clone(), thousand, v(json!([]))]),
        json!([])
    );
}

#[test]
fn transpose_zipmap_matchkeys() {
    assert_eq!(
        j(
            "transpose",
            vec![v(json!({"a": ["1", "2"], "b": ["2", "3"]}))]
        ),
        json!({"1": ["a"], "2": ["a", "b"], "3": ["b"]})
    );
    unknown("transpose", vec![m(vec![("a", l(vec![u()]))])]);
    assert!(err("transpose", vec![v(json!({"a": "x"}))]).contains("list"));

    assert_eq!(
        j("zipmap", vec![v(json!(["a", "b"])), v(json!([1, 2]))]),
        json!({"a": 1, "b": 2})
    );
    assert_eq!(
        j("zipmap", vec![v(json!(["a", "a"])), v(json!([1, 2]))]),
        json!({"a": 2})
    );
    unknown("zipmap", vec![l(vec![u()]), v(json!([1]))]);
    let r = ok("zipmap", vec![v(json!(["k"])), l(vec![u()])]);
    assert!(r.get("k").unwrap().is_unknown());
    assert!(err("zipmap", vec![v(json!(["a"])), v(json!([1, 2]))]).contains("same number"));

    assert_eq!(
        j(
            "matchkeys",
            vec![
                v(json!(["i-1", "i-2", "i-3"])),
                v(json!(["us-1a", "us-1b", "us-1a"])),
                v(json!(["us-1a"]))
            ]
        ),
        json!(["i-1", "i-3"])
    );
    assert_eq!(
        j(
            "matchkeys",
            vec![v(json!(["a", "b"])), v(json!([1, 2])), v(json!(["2"]))]
        ),
        json!(["b"])
    );
    unknown(
        "matchkeys",
        vec![v(json!(["a"])), l(vec![u()]), v(json!(["x"]))],
    );
    assert!(
        err(
            "matchkeys",
            vec![v(json!(["a"])), v(json!([])), v(json!([]))]
        )
        .contains("same number")
    );
}

// ---- encoding --------------------------------------------------------------------------------

#[test]
fn base64_round_trips() {
    assert_eq!(
        j("base64encode", vec![s("Hello World")]),
        json!("SGVsbG8gV29ybGQ=")
    );
    assert_eq!(
        j("base64decode", vec![s("SGVsbG8gV29ybGQ=")]),
        json!("Hello World")
    );
    for len in 0..12 {
        let text: String = "aé🤔xyz0123456789".chars().cycle().take(len).collect();
        let enc = ok("base64encode", vec![s(&text)]);
        assert_eq!(ok("base64decode", vec![enc]).as_str(), Some(text.as_str()));
    }
    assert_eq!(j("base64decode", vec![s("SGVs\nbG8=")]), json!("Hello"));
    assert!(err("base64decode", vec![s("abc")]).contains("invalid base64"));
    assert!(err("base64decode", vec![s("a=bc")]).contains("invalid base64"));
    assert!(err("base64decode", vec![s("ab=c")]).contains("invalid base64"));
    assert!(err("base64decode", vec![s("/w==")]).contains("UTF-8"));
    unknown("base64decode", vec![u()]);
    assert_eq!(
        j("textencodebase64", vec![s("Hello World"), s("UTF-16LE")]),
        json!("SABlAGwAbABvACAAVwBvAHIAbABkAA==")
    );
    assert_eq!(
        j(
            "textdecodebase64",
            vec![s("SABlAGwAbABvACAAVwBvAHIAbABkAA=="), s("UTF-16LE")]
        ),
        json!("Hello World")
    );
    assert_eq!(
        j("textencodebase64", vec![s("hi"), s("UTF-8")]),
        json!("aGk=")
    );
    let e = run("textencodebase64", vec![s("x"), s("Shift_JIS")]).unwrap_err();
    assert!(e.starts_with("unsupported function"), "{e}");
}

#[test]
fn hashes() {
    assert_eq!(
        j("sha256", vec![s("hello")]),
        json!("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")
    );
    assert_eq!(
        j("base64sha256", vec![s("hello")]),
        json!("LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=")
    );
    assert_eq!(
        j("sha512", vec![s("hello")]),
        json!(
            "9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca72323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3adef46f73bcdec043"
        )
    );
    unknown("sha256", vec![u()]);
    for f in ["md5", "sha1", "filemd5", "uuidv5", "fileset", "type"] {
        let e = run(f, vec![s("x")]).unwrap_err();
        assert!(e.starts_with("unsupported function"), "{f}: {e}");
    }
}

#[test]
fn jsonencode_is_compact_and_sorted() {
    assert_eq!(
        j("jsonencode", vec![v(json!({"hello": "world"}))]),
        json!("{\"hello\":\"world\"}")
    );
    assert_eq!(
        j(
            "jsonencode",
            vec![v(json!({"b": [1, 2.5, true, null], "a": "<&>"}))]
        ),
        json!("{\"a\":\"\\u003c\\u0026\\u003e\",\"b\":[1,2.5,true,null]}")
    );
    assert_eq!(
        j("jsonencode", vec![s("a\nb\u{1}\u{2028}")]),
        json!("\"a\\nb\\u0001\\u2028\"")
    );
    assert_eq!(
        j("jsonencode", vec![n(1e21)]),
        json!("1000000000000000000000")
    );
    unknown("jsonencode", vec![m(vec![("a", l(vec![u()]))])]);
    let mut deep = s("x");
    for _ in 0..300 {
        deep = l(vec![deep]);
    }
    assert!(err("jsonencode", vec![deep]).contains("nested"));
}

#[test]
fn jsondecode_locates_values_at_the_argument() {
    let arg = sl("{\"hello\": \"world\", \"n\": [1, null, true]}", 20);
    let r = ok("jsondecode", vec![arg]);
    assert_eq!(
        r.to_json().unwrap(),
        json!({"hello": "world", "n": [1, null, true]})
    );
    assert_eq!(r.get("hello").unwrap().loc, Some(loc(20)));
    assert!(err("jsondecode", vec![s("{bad")]).contains("invalid JSON"));
    assert!(err("jsondecode", vec![s("")]).contains("invalid JSON"));
    unknown("jsondecode", vec![u()]);
    // jsonencode(jsondecode(x)) is canonical.
    let round = ok(
        "jsonencode",
        vec![ok(
            "jsondecode",
            vec![s("{\"b\": 1, \"a\": {\"d\": [], \"c\": {}}}")],
        )],
    );
    assert_eq!(round.as_str(), Some("{\"a\":{\"c\":{},\"d\":[]},\"b\":1}"));
}

#[test]
fn urlencode_yamlencode_csvdecode() {
    assert_eq!(
        j("urlencode", vec![s("Hello World!")]),
        json!("Hello+World%21")
    );
    assert_eq!(
        j("urlencode", vec![s("a/b?c=d&e~f_g.h-i")]),
        json!("a%2Fb%3Fc%3Dd%26e~f_g.h-i")
    );
    assert_eq!(j("urlencode", vec![s("é")]), json!("%C3%A9"));

    assert_eq!(
        j("yamlencode", vec![v(json!({"a": "b", "c": "d"}))]),
        json!("\"a\": \"b\"\n\"c\": \"d\"\n")
    );
    assert_eq!(
        j(
            "yamlencode",
            vec![v(
                json!({"foo": [1, {"a": "b", "c": "d"}, 3], "bar": "baz"})
            )]
        ),
        json!("\"bar\": \"baz\"\n\"foo\":\n- 1\n- \"a\": \"b\"\n  \"c\": \"d\"\n- 3\n")
    );
    assert_eq!(
        j("yamlencode", vec![v(json!({"a": {"b": 1, "e": []}}))]),
        json!("\"a\":\n  \"b\": 1\n  \"e\": []\n")
    );
    assert_eq!(
        j("yamlencode", vec![v(json!([[1, 2], "x\ny", null, true]))]),
        json!("- - 1\n  - 2\n- \"x\\ny\"\n- null\n- true\n")
    );
    assert_eq!(j("yamlencode", vec![v(json!({}))]), json!("{}\n"));
    unknown("yamlencode", vec![l(vec![u()])]);

    assert_eq!(
        j("csvdecode", vec![s("a,b,c\n1,2,3\n4,5,6")]),
        json!([{"a": "1", "b": "2", "c": "3"}, {"a": "4", "b": "5", "c": "6"}])
    );
    assert_eq!(
        j(
            "csvdecode",
            vec![s("a,b\r\n\"x,y\",\"q\"\"r\"\r\n\n\"multi\nline\", z \r\n")]
        ),
        json!([{"a": "x,y", "b": "q\"r"}, {"a": "multi\nline", "b": " z "}])
    );
    assert_eq!(j("csvdecode", vec![s("a\n")]), json!([]));
    assert!(err("csvdecode", vec![s("a,b\n1")]).contains("fields"));
    assert!(err("csvdecode", vec![s("")]).contains("header"));
    assert!(err("csvdecode", vec![s("a\n\"x")]).contains("unterminated"));
    assert!(err("csvdecode", vec![s("a\nx\"y")]).contains("bare"));
    unknown("csvdecode", vec![u()]);
}

// ---- conversions -----------------------------------------------------------------------------

#[test]
fn primitive_conversions() {
    assert_eq!(j("tostring", vec![n(1.0)]), json!("1"));
    assert_eq!(j("tostring", vec![n(1.5)]), json!("1.5"));
    assert_eq!(j("tostring", vec![Dyn::bool(true)]), json!("true"));
    assert_eq!(j("tostring", vec![Dyn::null()]), json!(null));
    assert!(err("tostring", vec![v(json!([1]))]).contains("list"));
    let id = Dyn::unknown().with_source_ref("aws_s3_bucket.b");
    let r = ok("tostring", vec![id]);
    assert!(r.is_unknown());
    assert_eq!(r.source_ref.as_deref(), Some("aws_s3_bucket.b"));
    assert_eq!(
        ok("tostring", vec![Dyn::number(2.0).with_loc(loc(4))]).loc,
        Some(loc(4))
    );

    assert_eq!(j("tonumber", vec![s("1.5")]), json!(1.5));
    assert_eq!(j("tonumber", vec![n(3.0)]), json!(3));
    assert!(err("tonumber", vec![s("x")]).contains("\"x\""));
    assert!(err("tonumber", vec![s("inf")]).contains("inf"));
    assert!(err("tonumber", vec![Dyn::bool(true)]).contains("bool"));
    unknown("tonumber", vec![u()]);

    assert_eq!(j("tobool", vec![s("true")]), json!(true));
    assert_eq!(j("tobool", vec![Dyn::bool(false)]), json!(false));
    assert_eq!(j("tobool", vec![Dyn::null()]), json!(null));
    assert!(err("tobool", vec![s("yes")]).contains("yes"));
    assert!(err("tobool", vec![n(1.0)]).contains("number"));
}

#[test]
fn collection_conversions() {
    assert_eq!(j("tolist", vec![v(json!(["a", 1]))]), json!(["a", "1"]));
    assert_eq!(j("tolist", vec![v(json!([1, 2]))]), json!([1, 2]));
    assert!(err("tolist", vec![v(json!({}))]).contains("object"));
    unknown("tolist", vec![u()]);

    assert_eq!(
        j("toset", vec![v(json!(["b", "a", "b"]))]),
        json!(["a", "b"])
    );
    assert_eq!(j("toset", vec![v(json!([3, 1, 3]))]), json!([1, 3]));
    assert_eq!(j("toset", vec![v(json!(["a", 1]))]), json!(["1", "a"]));
    unknown("toset", vec![l(vec![s("a"), u()])]);
    assert!(ok("toset", vec![l(vec![u()])]).as_list().unwrap()[0].is_unknown());
    let located = l(vec![sl("x", 1)]).with_loc(loc(0));
    let r = ok("toset", vec![located]);
    assert_eq!(r.loc, Some(loc(0)));
    assert_eq!(r.as_list().unwrap()[0].loc, Some(loc(1)));

    assert_eq!(
        j("tomap", vec![v(json!({"a": 1, "b": "x"}))]),
        json!({"a": "1", "b": "x"})
    );
    assert!(err("tomap", vec![v(json!([1]))]).contains("list"));
}

#[test]
fn sensitivity_and_unknowable_functions() {
    let x = sl("secret", 3).with_source_ref("random_password.p");
    for f in ["sensitive", "nonsensitive", "ephemeralasnull"] {
        let r = ok(f, vec![x.clone()]);
        assert_eq!(r, x, "{f}");
    }
    unknown("issensitive", vec![s("x")]);
    unknown("uuid", vec![]);
    unknown("timestamp", vec![]);
    unknown("plantimestamp", vec![]);
    unknown("bcrypt", vec![s("x")]);
    unknown("bcrypt", vec![s("x"), n(10.0)]);
    assert!(err("uuid", vec![n(1.0)]).contains("expects 0"));
}

// ---- network ---------------------------------------------------------------------------------

#[test]
fn cidrhost_and_cidrnetmask() {
    assert_eq!(
        j("cidrhost", vec![s("10.12.112.0/20"), n(16.0)]),
        json!("10.12.112.16")
    );
    assert_eq!(
        j("cidrhost", vec![s("10.12.112.0/20"), n(268.0)]),
        json!("10.12.113.12")
    );
    assert_eq!(
        j(
            "cidrhost",
            vec![s("fd00:fd12:3456:7890:00a2::/72"), n(34.0)]
        ),
        json!("fd00:fd12:3456:7890::22")
    );
    assert_eq!(
        j("cidrhost", vec![s("10.0.0.0/24"), n(-1.0)]),
        json!("10.0.0.255")
    );
    assert_eq!(
        j("cidrhost", vec![s("10.0.0.0/24"), n(-256.0)]),
        json!("10.0.0.0")
    );
    assert_eq!(
        j("cidrhost", vec![s("0.0.0.0/0"), n(-1.0)]),
        json!("255.255.255.255")
    );
    assert_eq!(
        j("cidrhost", vec![s("::/0"), n(-1.0)]),
        json!("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")
    );
    assert_eq!(
        j("cidrhost", vec![s("010.1.1.0/24"), n(5.0)]),
        json!("10.1.1.5")
    );
    assert!(err("cidrhost", vec![s("10.0.0.0/24"), n(256.0)]).contains("does not accommodate"));
    assert!(err("cidrhost", vec![s("10.0.0.0/24"), n(-257.0)]).contains("does not accommodate"));
    assert!(err("cidrhost", vec![s("10.0.0.0/32"), n(1.0)]).contains("does not accommodate"));
    assert!(err("cidrhost", vec![s("10.0.0.0"), n(1.0)]).contains("invalid CIDR"));
    assert!(err("cidrhost", vec![s("10.0.0.256/24"), n(1.0)]).contains("invalid CIDR"));
    unknown("cidrhost", vec![u(), n(1.0)]);

    assert_eq!(
        j("cidrnetmask", vec![s("172.16.0.0/12")]),
        json!("255.240.0.0")
    );
    assert_eq!(j("cidrnetmask", vec![s("10.0.0.0/0")]), json!("0.0.0.0"));
    assert_eq!(
        j("cidrnetmask", vec![s("10.0.0.1/32")]),
        json!("255.255.255.255")
    );
    assert!(err("cidrnetmask", vec![s("fd00::/8")]).contains("IPv4"));
}

#[test]
fn cidrsubnet_and_cidrsubnets() {
    assert_eq!(
        j("cidrsubnet", vec![s("172.16.0.0/12"), n(4.0), n(2.0)]),
        json!("172.18.0.0/16")
    );
    assert_eq!(
        j("cidrsubnet", vec![s("10.1.2.0/24"), n(4.0), n(15.0)]),
        json!("10.1.2.240/28")
    );
    assert_eq!(
        j(
            "cidrsubnet",
            vec![s("fd00:fd12:3456:7890::/56"), n(16.0), n(162.0)]
        ),
        json!("fd00:fd12:3456:7800:a200::/72")
    );
    assert_eq!(
        j("cidrsubnet", vec![s("10.0.0.5/16"), n(8.0), n(1.0)]),
        json!("10.0.1.0/24")
    );
    assert_eq!(
        j("cidrsubnet", vec![s("10.0.0.0/16"), n(0.0), n(0.0)]),
        json!("10.0.0.0/16")
    );
    assert_eq!(
        j("cidrsubnet", vec![s("::/0"), n(0.0), n(0.0)]),
        json!("::/0")
    );
    assert!(err("cidrsubnet", vec![s("10.0.0.0/30"), n(3.0), n(0.0)]).contains("too long"));
    assert!(
        err("cidrsubnet", vec![s("10.0.0.0/16"), n(8.0), n(256.0)])
            .contains("does not accommodate")
    );
    assert!(
        err("cidrsubnet", vec![s("10.0.0.0/16"), n(8.0), n(-1.0)]).contains("does not accommodate")
    );
    assert!(err("cidrsubnet", vec![s("10.0.0.0/16"), n(-1.0), n(0.0)]).contains("negative"));
    assert!(err("cidrsubnet", vec![s("fd00::/8"), n(33.0), n(0.0)]).contains("32 bits"));
    assert!(err("cidrsubnet", vec![s("not-a-cidr"), n(8.0), n(1.0)]).contains("invalid CIDR"));
    assert!(err("cidrsubnet", vec![s("10.0.0.0/33"), n(1.0), n(0.0)]).contains("invalid CIDR"));
    unknown("cidrsubnet", vec![s("10.0.0.0/16"), n(8.0), u()]);

    assert_eq!(
        j(
            "cidrsubnets",
            vec![s("10.1.0.0/16"), n(4.0), n(4.0), n(8.0), n(4.0)]
        ),
        json!([
            "10.1.0.0/20",
            "10.1.16.0/20",
            "10.1.32.0/24",
            "10.1.48.0/20"
        ])
    );
    assert_eq!(
        j(
            "cidrsubnets",
            vec![
                s("fd00:fd12:3456:7890::/56"),
                n(16.0),
                n(16.0),
                n(16.0),
                n(32.0)
            ]
        ),
        json!([
            "fd00:fd12:3456:7800::/72",
            "fd00:fd12:3456:7800:100::/72",
            "fd00:fd12:3456:7800:200::/72",
            "fd00:fd12:3456:7800:300::/88"
        ])
    );
    assert_eq!(
        j("cidrsubnets", vec![s("0.0.0.0/0"), n(1.0), n(1.0)]),
        json!(["0.0.0.0/1", "128.0.0.0/1"])
    );
    assert_eq!(j("cidrsubnets", vec![s("10.0.0.0/8")]), json!([]));
    assert!(
        err(
            "cidrsubnets",
            vec![s("10.0.0.0/24"), n(1.0), n(1.0), n(1.0)]
        )
        .contains("not enough remaining address space")
    );
    assert!(
        err(
            "cidrsubnets",
            vec![s("255.255.255.0/24"), n(1.0), n(1.0), n(1.0)]
        )
        .contains("not enough remaining address space")
    );
    assert!(err("cidrsubnets", vec![s("10.0.0.0/24"), n(0.0)]).contains("at least one bit"));
    unknown("cidrsubnets", vec![s("10.0.0.0/8"), n(8.0), u()]);
}

// ---- files and paths -------------------------------------------------------------------------

#[test]
fn file_functions_go_through_the_host() {
    let host = TestHost::with(&[
        ("a.txt", "hello"),
        ("t.tpl", "Hi ${name}!"),
        ("far.txt", "ERR:outside the scanned directory; not read"),
        ("big.txt", "ERR:larger than 1048576 bytes; not read"),
        ("bin.dat", "ERR:not valid UTF-8"),
        ("dir", "ERR:not a regular file"),
    ]);
    let c = |f: &str, args: Vec<Dyn>| call(f, args, &host);
    assert_eq!(c("file", vec![s("a.txt")]).unwrap().as_str(), Some("hello"));
    assert!(
        c("file", vec![s("missing.txt")])
            .unwrap_err()
            .contains("No such file")
    );
    assert!(c("file", vec![s("far.txt")]).unwrap().is_unknown());
    assert!(c("file", vec![s("big.txt")]).unwrap().is_unknown());
    assert!(c("file", vec![s("bin.dat")]).unwrap_err().contains("UTF-8"));
    assert!(c("file", vec![u()]).unwrap().is_unknown());

    assert_eq!(
        c("fileexists", vec![s("a.txt")]).unwrap().as_bool(),
        Some(true)
    );
    assert_eq!(
        c("fileexists", vec![s("nope")]).unwrap().as_bool(),
        Some(false)
    );
    assert_eq!(
        c("fileexists", vec![s("big.txt")]).unwrap().as_bool(),
        Some(true)
    );
    assert!(c("fileexists", vec![s("far.txt")]).unwrap().is_unknown());
    assert!(c("fileexists", vec![s("dir")]).is_err());

    assert_eq!(
        c("filebase64", vec![s("a.txt")]).unwrap().as_str(),
        Some("aGVsbG8=")
    );
    assert!(c("filebase64", vec![s("bin.dat")]).unwrap().is_unknown());
    assert_eq!(
        c("filesha256", vec![s("a.txt")]).unwrap().as_str(),
        Some("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")
    );
    assert_eq!(
        c("filebase64sha256", vec![s("a.txt")]).unwrap().as_str(),
        Some("LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=")
    );

    let vars = m(vec![("name", s("Ann"))]);
    assert_eq!(
        c("templatefile", vec![s("t.tpl"), vars.clone()])
            .unwrap()
            .as_str(),
        Some("Hi Ann!")
    );
    assert!(
        c("templatefile", vec![s("t.tpl"), m(vec![("name", u())])])
            .unwrap()
            .is_unknown()
    );
    assert!(
        c("templatefile", vec![s("t.tpl"), u()])
            .unwrap()
            .is_unknown()
    );
    assert!(
        c("templatefile", vec![s("far.txt"), vars.clone()])
            .unwrap()
            .is_unknown()
    );
    assert!(c("templatefile", vec![s("nope"), vars.clone()]).is_err());
    assert!(c("templatefile", vec![s("t.tpl"), v(json!([1]))]).is_err());
    assert_eq!(
        c("templatestring", vec![s("Yo ${name}"), vars])
            .unwrap()
            .as_str(),
        Some("Yo Ann")
    );
}

#[test]
fn path_functions() {
    assert_eq!(j("basename", vec![s("foo/bar/baz.txt")]), json!("baz.txt"));
    assert_eq!(j("basename", vec![s("foo/bar/")]), json!("bar"));
    assert_eq!(j("basename", vec![s("/")]), json!("/"));
    assert_eq!(j("basename", vec![s("")]), json!("."));
    assert_eq!(j("dirname", vec![s("foo/bar/baz.txt")]), json!("foo/bar"));
    assert_eq!(j("dirname", vec![s("foo")]), json!("."));
    assert_eq!(j("dirname", vec![s("/foo")]), json!("/"));
    assert_eq!(j("dirname", vec![s("a/./b/../c/d")]), json!("a/c"));
    assert_eq!(j("abspath", vec![s("/a/b/../c/")]), json!("/a/c"));
    unknown("abspath", vec![s("relative/path")]);
    assert_eq!(j("pathexpand", vec![s("/etc/x")]), json!("/etc/x"));
    unknown("pathexpand", vec![s("~/.ssh/id_rsa")]);
    unknown("basename", vec![u()]);
}

#[test]
fn unknown_function_names_are_unsupported() {
    let e = run("no_such_function", vec![]).unwrap_err();
    assert!(e.starts_with("unsupported function"), "{e}");
}

#[test]
fn size_limits_hold_for_string_builders() {
    let half = s(&"x".repeat(MAX_STRING_LEN / 2 + 1));
    assert!(
        err(
            "format",
            vec![s("%s%s%s"), half.clone(), half.clone(), half.clone()]
        )
        .contains("limit")
    );
    assert!(
        err(
            "formatlist",
            vec![s("%s"), l(vec![half.clone(), half.clone(), half])]
        )
        .contains("limit")
    );
    let many = l(vec![s("x"); 200]);
    let mut nested = many.clone();
    for _ in 0..4 {
        nested = l(vec![nested.clone(); 200]);
    }
    assert!(err("jsonencode", vec![nested.clone()]).contains("limit"));
    assert!(err("yamlencode", vec![nested.clone()]).contains("limit"));
    unknown("format", vec![s("%v"), l(vec![u(), nested.clone()])]);
    assert!(err("format", vec![s("%v"), nested.clone()]).contains("limit"));
    unknown("toset", vec![l(vec![nested.clone(), nested.clone()])]);
    unknown("distinct", vec![l(vec![nested.clone(), nested.clone()])]);
    assert_eq!(
        j("contains", vec![l(vec![nested.clone()]), s("x")]),
        json!(false)
    );
    unknown("contains", vec![l(vec![nested.clone()]), nested.clone()]);
    // Shared subtrees: a small value that is a huge tree of empty lists.
    let mut empties = l(vec![]);
    for _ in 0..5 {
        empties = l(vec![empties.clone(); 200]);
    }
    assert!(err("flatten", vec![empties.clone()]).contains("more than"));
    assert!(err("jsonencode", vec![empties]).contains("limit"));
}

// ---- end to end ------------------------------------------------------------------------------

struct Scan {
    db: SourceDb,
    evals: Vec<TfEvaluation>,
}

impl Scan {
    fn run(root: &Path) -> Scan {
        let db = SourceDb::new();
        let opts = LoadOptions::default();
        let found = discover::discover(&[root.to_path_buf()], &opts);
        let evals = terraform::evaluate(&terraform::modules(found.files("terraform")), &opts, &db);
        Scan { db, evals }
    }

    fn res(&self, full: &str) -> &TfResource {
        let all = || self.evals.iter().flat_map(|e| e.resources.iter());
        all().find(|r| r.full_address() == full).unwrap_or_else(|| {
            let names: Vec<String> = all()
                .map(cloudsentinel_parser::terraform::ir::TfResource::full_address)
                .collect();
            panic!("no resource {full}; have {names:?}")
        })
    }

    fn value(&self, full: &str, name: &str) -> &Dyn {
        &self
            .res(full)
            .body
            .attr(name)
            .unwrap_or_else(|| panic!("{full} has no attribute {name}"))
            .value
    }

    fn notices(&self) -> Vec<String> {
        self.evals
            .iter()
            .flat_map(|e| e.notices.iter().map(|n| n.message.clone()))
            .collect()
    }

    fn text(&self, l: Location) -> String {
        let f = self.db.get(l.file);
        f.text[l.range.as_range()].to_string()
    }
}

fn tmp(files: &[(&str, &str)]) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let p = d.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    d
}

#[test]
fn e2e_network_module_with_subnets_tags_and_lookups() {
    let d = tmp(&[(
        "main.tf",
        r#"
variable "cidr" {
  default = "10.0.0.0/16"
}
variable "azs" {
  default = { prod = ["eu-west-1a", "eu-west-1b"] }
}
variable "env" {
  default = "prod"
}
locals {
  tags = {
    Env  = var.env
    Team = "security"
  }
  ports = [22, 443, 22]
}

resource "aws_vpc" "v" {
  cidr_block = var.cidr
  tags       = merge(local.tags, { Name = upper("${var.env}-vpc") })
}

resource "aws_subnet" "s" {
  count             = length(lookup(var.azs, var.env, []))
  vpc_id            = aws_vpc.v.id
  cidr_block        = cidrsubnet(var.cidr, 8, count.index)
  availability_zone = element(var.azs[var.env], count.index)
  tags              = merge(local.tags, { Name = format("subnet-%02d", count.index + 1) })
}

resource "aws_security_group" "sg" {
  name          = join("-", [var.env, "web", lookup(local.tags, "Owner", "nobody")])
  ports         = sort(distinct(local.ports))
  blocks        = cidrsubnets(var.cidr, 4, 4, 8)
  first_subnet  = element(aws_subnet.s[*].id, 0)
  subnet_count  = length(aws_subnet.s)
  gateway       = cidrhost(aws_subnet.s[1].cidr_block, 1)
  private       = [for c in cidrsubnets("172.16.0.0/12", 4, 4) : c if can(regex("^172\\.", c))]
  id_or_default = coalesce(aws_vpc.v.id, "vpc-default")
}
"#,
    )]);
    let scan = Scan::run(d.path());
    assert_eq!(
        scan.value("aws_subnet.s[1]", "cidr_block").as_str(),
        Some("10.0.1.0/24")
    );
    assert_eq!(
        scan.value("aws_subnet.s[1]", "availability_zone").as_str(),
        Some("eu-west-1b")
    );
    let tags = scan.value("aws_subnet.s[0]", "tags");
    assert_eq!(tags.get("Name").unwrap().as_str(), Some("subnet-01"));
    // Merged values still point at their own source text.
    let team = tags.get("Team").unwrap();
    assert_eq!(team.as_str(), Some("security"));
    assert_eq!(scan.text(team.loc.unwrap()), "\"security\"");
    assert_eq!(
        scan.value("aws_vpc.v", "tags")
            .get("Name")
            .unwrap()
            .as_str(),
        Some("PROD-VPC")
    );

    let sg = "aws_security_group.sg";
    assert_eq!(scan.value(sg, "name").as_str(), Some("prod-web-nobody"));
    assert_eq!(
        scan.value(sg, "ports").to_json(),
        Some(json!(["22", "443"]))
    );
    assert_eq!(
        scan.value(sg, "blocks").to_json(),
        Some(json!(["10.0.0.0/20", "10.0.16.0/20", "10.0.32.0/24"]))
    );
    let first = scan.value(sg, "first_subnet");
    assert!(first.is_unknown());
    assert_eq!(first.source_ref.as_deref(), Some("aws_subnet.s[0]"));
    assert_eq!(scan.value(sg, "subnet_count").to_json(), Some(json!(2)));
    assert_eq!(scan.value(sg, "gateway").as_str(), Some("10.0.1.1"));
    assert_eq!(
        scan.value(sg, "private").to_json(),
        Some(json!(["172.16.0.0/16", "172.17.0.0/16"]))
    );
    // The VPC id is computed: coalesce cannot know whether it is empty.
    assert!(scan.value(sg, "id_or_default").is_unknown());
    let notices = scan.notices();
    assert!(
        notices.iter().all(|n| !n.contains("could not evaluate")),
        "{notices:?}"
    );
}

#[test]
fn e2e_policies_and_templates_in_a_module() {
    let d = tmp(&[
        (
            "main.tf",
            r#"
module "app" {
  source = "./modules/app"
  bucket = "logs-prod"
  users  = ["alice", "bob"]
}
"#,
        ),
        (
            "modules/app/main.tf",
            r#"
variable "bucket" {}
variable "users" {
  type = list(string)
}
variable "settings" {
  type    = map(string)
  default = { retention = "30" }
}

resource "aws_s3_bucket_policy" "p" {
  bucket = var.bucket
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecure"
      Effect    = "Deny"
      Principal = "*"
      Action    = ["s3:*"]
      Resource  = formatlist("arn:aws:s3:::%s%s", var.bucket, ["", "/*"])
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

resource "aws_instance" "i" {
  user_data = templatefile("${path.module}/init.tpl", {
    users = var.users
    port  = tonumber(lookup(var.settings, "port", "8080"))
  })
  user_data_base64 = base64encode(file("${path.module}/static.sh"))
  retention        = parseint(var.settings["retention"], 10) * 2
  decoded          = jsondecode(file("${path.module}/config.json")).logging.enabled
  missing          = try(file("${path.module}/nope.txt"), "fallback")
  hash             = md5("x")
}
"#,
        ),
        (
            "modules/app/init.tpl",
            "#!/bin/sh\n%{ for u in users ~}\nuseradd ${u}\n%{ endfor ~}\nlisten ${port}\n",
        ),
        ("modules/app/static.sh", "echo hi\n"),
        (
            "modules/app/config.json",
            "{\"logging\": {\"enabled\": true}}",
        ),
    ]);
    let scan = Scan::run(d.path());
    let policy = scan.value("module.app.aws_s3_bucket_policy.p", "policy");
    let parsed: Value = serde_json::from_str(policy.as_str().expect("known policy")).unwrap();
    assert_eq!(
        parsed["Statement"][0]["Resource"],
        json!(["arn:aws:s3:::logs-prod", "arn:aws:s3:::logs-prod/*"])
    );
    // Compact with sorted keys, as Terraform writes it.
    assert!(
        policy
            .as_str()
            .unwrap()
            .starts_with("{\"Statement\":[{\"Action\":[\"s3:*\"],\"Condition\":")
    );

    let inst = "module.app.aws_instance.i";
    assert_eq!(
        scan.value(inst, "user_data").as_str(),
        Some("#!/bin/sh\nuseradd alice\nuseradd bob\nlisten 8080\n")
    );
    assert_eq!(
        scan.value(inst, "user_data_base64").as_str(),
        Some("ZWNobyBoaQo=")
    );
    assert_eq!(scan.value(inst, "retention").to_json(), Some(json!(60)));
    assert_eq!(scan.value(inst, "decoded").to_json(), Some(json!(true)));
    assert_eq!(scan.value(inst, "missing").as_str(), Some("fallback"));
    assert!(scan.value(inst, "hash").is_unknown());
    let notices = scan.notices();
    assert!(
        notices
            .iter()
            .any(|n| n.contains("function md5 is not supported")),
        "{notices:?}"
    );
}

#[test]
fn e2e_unknowns_propagate_and_errors_are_noticed() {
    let d = tmp(&[
        (
            "main.tf",
            r#"
variable "tags" {
  type = map(string)
}
variable "name" {
  default = "app"
}

resource "aws_kms_key" "k" {}

resource "aws_s3_bucket" "b" {
  bucket     = lower(var.name)
  tags       = merge({ Name = var.name }, var.tags)
  owner      = lookup(var.tags, "Owner", "none")
  key_arn    = tostring(aws_kms_key.k.arn)
  key_id     = one(aws_kms_key.k[*].key_id)
  tag_count  = length(keys(merge({ a = 1 }, { b = 2 })))
  bad_index  = element([], 0)
  created    = timestamp()
  checked    = can(cidrsubnet("10.0.0.0/30", 8, 0))
  big        = try(range(1000000), "too big")
  secure     = alltrue([true, contains(["TLS1.2", "TLS1.3"], "TLS1.2")])
}

resource "aws_s3_bucket_policy" "p" {
  bucket = aws_s3_bucket.b.id
  policy = jsonencode({ Resource = "${aws_s3_bucket.b.arn}/*" })
}
"#,
        ),
        ("terraform.tfvars", ""),
    ]);
    let scan = Scan::run(d.path());
    let b = "aws_s3_bucket.b";
    assert_eq!(scan.value(b, "bucket").as_str(), Some("app"));
    assert!(scan.value(b, "tags").is_unknown());
    assert!(scan.value(b, "owner").is_unknown());
    let arn = scan.value(b, "key_arn");
    assert!(arn.is_unknown());
    assert_eq!(arn.source_ref.as_deref(), Some("aws_kms_key.k"));
    let key_id = scan.value(b, "key_id");
    assert!(key_id.is_unknown());
    assert_eq!(key_id.source_ref.as_deref(), Some("aws_kms_key.k"));
    assert_eq!(scan.value(b, "tag_count").to_json(), Some(json!(2)));
    assert!(scan.value(b, "bad_index").is_unknown());
    assert!(scan.value(b, "created").is_unknown());
    assert_eq!(scan.value(b, "checked").to_json(), Some(json!(false)));
    assert_eq!(scan.value(b, "big").as_str(), Some("too big"));
    assert_eq!(scan.value(b, "secure").to_json(), Some(json!(true)));
    assert!(scan.value("aws_s3_bucket_policy.p", "policy").is_unknown());
    let notices = scan.notices();
    assert!(
        notices
            .iter()
            .any(|n| n.contains("element") && n.contains("empty list")),
        "{notices:?}"
    );
    assert!(
        notices.iter().all(|n| !n.contains("not supported")),
        "{notices:?}"
    );
}
