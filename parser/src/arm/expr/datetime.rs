//! `dateTimeAdd`, `dateTimeFromEpoch` and `dateTimeToEpoch`: ISO 8601 dates and durations
//! in UTC, with .NET's format strings for the common specifiers.

/// Seconds since the Unix epoch (UTC), with the fraction kept in nanoseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Instant {
    pub secs: i64,
    pub nanos: u32,
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    days_from_civil(
        if m == 12 { y + 1 } else { y },
        if m == 12 { 1 } else { m + 1 },
        1,
    ) - days_from_civil(y, m, 1)
}

/// Parses `yyyy-MM-dd[(T| )HH:mm[:ss[.f…]]][Z|±hh:mm]` (a missing offset is UTC).
pub fn parse(text: &str) -> Option<Instant> {
    let t = text.trim();
    let num = |s: &str| -> Option<i64> {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let y = num(t.get(0..4)?)?;
    (t.get(4..5)? == "-").then_some(())?;
    let mo = num(t.get(5..7)?)?;
    (t.get(7..8)? == "-").then_some(())?;
    let d = num(t.get(8..10)?)?;
    if !(1..=12).contains(&mo) || d < 1 || d > days_in_month(y, mo) {
        return None;
    }
    let mut rest = t.get(10..)?;
    let (mut h, mut mi, mut s, mut nanos) = (0, 0, 0, 0u32);
    if let Some(r) = rest.strip_prefix('T').or_else(|| rest.strip_prefix(' ')) {
        h = num(r.get(0..2)?)?;
        (r.get(2..3)? == ":").then_some(())?;
        mi = num(r.get(3..5)?)?;
        rest = r.get(5..)?;
        if let Some(r) = rest.strip_prefix(':') {
            s = num(r.get(0..2)?)?;
            rest = r.get(2..)?;
            if let Some(r) = rest.strip_prefix('.') {
                let digits = r.bytes().take_while(u8::is_ascii_digit).count();
                let frac = r.get(..digits)?;
                let padded: String = frac.chars().chain("000000000".chars()).take(9).collect();
                nanos = padded.parse().ok()?;
                rest = r.get(digits..)?;
            }
        }
        if h > 23 || mi > 59 || s > 59 {
            return None;
        }
    }
    let offset = match rest {
        "" | "Z" | "z" => 0,
        o if o.len() == 6 && (o.starts_with('+') || o.starts_with('-')) => {
            let oh = num(o.get(1..3)?)?;
            let om = num(o.get(4..6)?)?;
            let sign = if o.starts_with('-') { -1 } else { 1 };
            sign * (oh * 3600 + om * 60)
        }
        _ => return None,
    };
    Some(Instant {
        secs: days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s - offset,
        nanos,
    })
}

/// Adds an ISO 8601 duration (`P1Y2M3DT4H5M6S`, `-P1D`); months and years keep the day of
/// month when it exists and clamp it otherwise, as .NET does.
pub fn add_duration(at: Instant, duration: &str) -> Option<Instant> {
    let (sign, body) = match duration.strip_prefix('-') {
        Some(b) => (-1, b),
        None => (1, duration),
    };
    let body = body.strip_prefix('P')?;
    let (date_part, time_part) = match body.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (body, None),
    };
    let (mut years, mut months, mut days, mut secs) = (0i64, 0i64, 0i64, 0i64);
    let mut parsed_any = false;
    let mut take = |part: &str, time: bool| -> Option<()> {
        let mut n = String::new();
        for c in part.chars() {
            if c.is_ascii_digit() {
                n.push(c);
                continue;
            }
            let v: i64 = n.parse().ok()?;
            n.clear();
            parsed_any = true;
            match (time, c) {
                (false, 'Y') => years = years.checked_add(v)?,
                (false, 'M') => months = months.checked_add(v)?,
                (false, 'W') => days = days.checked_add(v.checked_mul(7)?)?,
                (false, 'D') => days = days.checked_add(v)?,
                (true, 'H') => secs = secs.checked_add(v.checked_mul(3600)?)?,
                (true, 'M') => secs = secs.checked_add(v.checked_mul(60)?)?,
                (true, 'S') => secs = secs.checked_add(v)?,
                _ => return None,
            }
        }
        n.is_empty().then_some(())
    };
    take(date_part, false)?;
    if let Some(t) = time_part {
        take(t, true)?;
    }
    if !parsed_any {
        return None;
    }
    let day = at.secs.div_euclid(86_400);
    let time_of_day = at.secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(day);
    let total_months = y
        .checked_mul(12)?
        .checked_add(m - 1)?
        .checked_add(sign * years.checked_mul(12)?.checked_add(months)?)?;
    let (ny, nm) = (total_months.div_euclid(12), total_months.rem_euclid(12) + 1);
    if !(1..=9999).contains(&ny) {
        return None;
    }
    let nd = d.min(days_in_month(ny, nm));
    let day = days_from_civil(ny, nm, nd).checked_add(sign * days)?;
    let secs = day
        .checked_mul(86_400)?
        .checked_add(time_of_day)?
        .checked_add(sign * secs)?;
    Some(Instant {
        secs,
        nanos: at.nanos,
    })
}

/// Formats with a .NET standard format (`u`, `s`, `o`, `O`; the default is the invariant
/// culture's general format `M/d/yyyy h:mm:ss tt`) or a custom one of the common specifiers.
pub fn format(at: Instant, fmt: Option<&str>) -> Option<String> {
    let day = at.secs.div_euclid(86_400);
    let tod = at.secs.rem_euclid(86_400);
    let (y, mo, d) = civil_from_days(day);
    let (h, mi, s) = (tod / 3600, tod % 3600 / 60, tod % 60);
    if !(1..=9999).contains(&y) {
        return None;
    }
    let custom = match fmt {
        None | Some("" | "G") => "M/d/yyyy h:mm:ss tt",
        Some("u") => "yyyy-MM-dd HH:mm:ssZ",
        Some("s") => "yyyy-MM-ddTHH:mm:ss",
        Some("o" | "O") => "yyyy-MM-ddTHH:mm:ss.fffffffZ",
        Some(f) => f,
    };
    let chars: Vec<char> = custom.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let run = chars[i..].iter().take_while(|x| **x == c).count();
        let piece = match c {
            'y' => match run {
                1 => format!("{}", y % 100),
                2 => format!("{:02}", y % 100),
                _ => format!("{y:0run$}"),
            },
            'M' => match run {
                1 => mo.to_string(),
                _ => format!("{mo:02}"),
            },
            'd' => match run {
                1 => d.to_string(),
                _ => format!("{d:02}"),
            },
            'H' => match run {
                1 => h.to_string(),
                _ => format!("{h:02}"),
            },
            'h' => {
                let h12 = if h % 12 == 0 { 12 } else { h % 12 };
                match run {
                    1 => h12.to_string(),
                    _ => format!("{h12:02}"),
                }
            }
            'm' => match run {
                1 => mi.to_string(),
                _ => format!("{mi:02}"),
            },
            's' => match run {
                1 => s.to_string(),
                _ => format!("{s:02}"),
            },
            'f' => {
                let digits = format!("{:09}", at.nanos);
                digits.chars().take(run.min(9)).collect()
            }
            't' => {
                let ampm = if h < 12 { "AM" } else { "PM" };
                ampm.chars().take(run.min(2)).collect()
            }
            _ => std::iter::repeat_n(c, run).collect(),
        };
        out.push_str(&piece);
        i += run;
    }
    Some(out)
}

/// `yyyy-MM-ddTHH:mm:ssZ`, the format of `dateTimeFromEpoch`.
pub fn iso(at: Instant) -> Option<String> {
    format(at, Some("yyyy-MM-ddTHH:mm:ssZ"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_round_trip_matches_the_documented_example() {
        // learn.microsoft.com, ARM template date functions: dateTimeFromEpoch(1683040573)
        // is '2023-05-02T15:16:13Z', and dateTimeToEpoch of it is 1683040573.
        let at = parse("2023-05-02T15:16:13Z").unwrap();
        assert_eq!(at.secs, 1_683_040_573);
        assert_eq!(iso(at).unwrap(), "2023-05-02T15:16:13Z");
    }

    #[test]
    fn durations_add_like_dotnet() {
        // Documented: dateTimeAdd('2020-04-07 14:53:14Z', 'P3Y') is '4/7/2023 2:53:14 PM',
        // with '-PT9H' '4/7/2020 5:53:14 AM' and 'PT1H' '4/7/2020 3:53:14 PM'.
        let base = parse("2020-04-07 14:53:14Z").unwrap();
        let f = |d: &str| format(add_duration(base, d).unwrap(), None).unwrap();
        assert_eq!(f("P3Y"), "4/7/2023 2:53:14 PM");
        assert_eq!(f("-PT9H"), "4/7/2020 5:53:14 AM");
        assert_eq!(f("PT1H"), "4/7/2020 3:53:14 PM");
        let jan31 = parse("2021-01-31T00:00:00Z").unwrap();
        assert_eq!(
            format(add_duration(jan31, "P1M").unwrap(), Some("u")).unwrap(),
            "2021-02-28 00:00:00Z"
        );
        assert!(add_duration(base, "P").is_none());
        assert!(add_duration(base, "3Y").is_none());
        assert!(parse("2021-02-30").is_none());
        assert!(parse("garbage").is_none());
        assert!(parse("2021-02-2é").is_none());
    }
}
