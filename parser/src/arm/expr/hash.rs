//! The hashes behind `uniqueString` and `guid`, and the encodings the string functions need
//! (base64, base32, SHA-1), written here so the results match Azure's bit for bit.

/// Azure's `uniqueString`: the 64-bit MurmurHash variant Azure Resource Manager uses (two
/// 32-bit lanes over 8-byte blocks), rendered as 13 characters of lowercase base32 taken from
/// the high bits.
pub fn unique_string(input: &str) -> String {
    const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
    let mut h = murmur64(input.as_bytes());
    let mut out = String::with_capacity(13);
    for _ in 0..13 {
        out.push(char::from(ALPHABET[(h >> 59) as usize]));
        h <<= 5;
    }
    out
}

fn murmur64(data: &[u8]) -> u64 {
    const C1: u32 = 0xab0e_9789;
    const C2: u32 = 0x239b_961b;
    const FMIX1: u32 = 0x85eb_ca6b;
    const FMIX2: u32 = 0xc2b2_ae35;
    let le = |b: &[u8]| -> u32 {
        b.iter()
            .take(4)
            .enumerate()
            .fold(0u32, |acc, (i, x)| acc | (u32::from(*x) << (8 * i)))
    };
    let (mut h1, mut h2) = (0u32, 0u32);
    let mut chunks = data.chunks_exact(8);
    for block in &mut chunks {
        let k1 = le(&block[..4])
            .wrapping_mul(C2)
            .rotate_left(15)
            .wrapping_mul(C1);
        let k2 = le(&block[4..])
            .wrapping_mul(C1)
            .rotate_left(17)
            .wrapping_mul(C2);
        h1 = (h1 ^ k1)
            .rotate_left(19)
            .wrapping_add(h2)
            .wrapping_mul(5)
            .wrapping_add(0x561c_cd1b);
        h2 = (h2 ^ k2)
            .rotate_left(13)
            .wrapping_add(h1)
            .wrapping_mul(5)
            .wrapping_add(0x0bca_a747);
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        let k1 = le(&tail[..tail.len().min(4)])
            .wrapping_mul(C2)
            .rotate_left(15)
            .wrapping_mul(C1);
        h1 ^= k1;
        if tail.len() > 4 {
            let k2 = le(&tail[4..])
                .wrapping_mul(C1)
                .rotate_left(17)
                .wrapping_mul(C2);
            h2 ^= k2;
        }
    }
    let len = data.len() as u32;
    let fmix = |mut h: u32| {
        h = (h ^ (h >> 16)).wrapping_mul(FMIX1);
        h = (h ^ (h >> 13)).wrapping_mul(FMIX2);
        h ^ (h >> 16)
    };
    h2 ^= len;
    h1 = (h1 ^ len).wrapping_add(h2);
    h2 = h2.wrapping_add(h1);
    h1 = fmix(h1);
    h2 = fmix(h2);
    h1 = h1.wrapping_add(h2);
    h2 = h2.wrapping_add(h1);
    (u64::from(h2) << 32) | u64::from(h1)
}

/// The namespace Azure's `guid` function hashes its input under.
const GUID_NAMESPACE: [u8; 16] = [
    0x11, 0xfb, 0x06, 0xfb, 0x71, 0x2d, 0x4d, 0xdd, 0x98, 0xc7, 0xe7, 0x1b, 0xbd, 0x58, 0x88, 0x30,
];

/// Azure's `guid`: a name-based (version 5, SHA-1) UUID of `name` under [`GUID_NAMESPACE`].
pub fn guid(name: &str) -> String {
    let mut input = GUID_NAMESPACE.to_vec();
    input.extend_from_slice(name.as_bytes());
    let digest = sha1(&input);
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex = to_hex(&b);
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

/// SHA-1 (FIPS 180-4); only for `guid`, where the algorithm is fixed by Azure.
pub fn sha1(data: &[u8]) -> [u8; 20] {
    let mut h: [u32; 5] = [
        0x6745_2301,
        0xefcd_ab89,
        0x98ba_dcfe,
        0x1032_5476,
        0xc3d2_e1f0,
    ];
    let mut msg = data.to_vec();
    let bit_len = (data.len() as u64).wrapping_mul(8);
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bit_len.to_be_bytes());
    for block in msg.chunks_exact(64) {
        let mut w = [0u32; 80];
        for (i, word) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..80 {
            w[i] = (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]).rotate_left(1);
        }
        let [mut a, mut b, mut c, mut d, mut e] = h;
        for (i, wi) in w.iter().enumerate() {
            let (f, k) = match i {
                0..=19 => ((b & c) | (!b & d), 0x5a82_7999),
                20..=39 => (b ^ c ^ d, 0x6ed9_eba1),
                40..=59 => ((b & c) | (b & d) | (c & d), 0x8f1b_bcdc),
                _ => (b ^ c ^ d, 0xca62_c1d6),
            };
            let t = a
                .rotate_left(5)
                .wrapping_add(f)
                .wrapping_add(e)
                .wrapping_add(k)
                .wrapping_add(*wi);
            e = d;
            d = c;
            c = b.rotate_left(30);
            b = a;
            a = t;
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 20];
    for (i, x) in h.iter().enumerate() {
        out[i * 4..i * 4 + 4].copy_from_slice(&x.to_be_bytes());
    }
    out
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub fn base64_encode(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(B64[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Standard base64 (padding optional, whitespace ignored); `None` when not base64.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let (mut acc, mut bits) = (0u32, 0u32);
    let mut padding = false;
    for c in text.bytes() {
        if c.is_ascii_whitespace() {
            continue;
        }
        if c == b'=' {
            padding = true;
            continue;
        }
        if padding {
            return None;
        }
        let v = B64.iter().position(|x| *x == c)? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_string_matches_azure() {
        // Source: microsoft/commercial-marketplace-offer-deploy, test/Tests/UnitTests/
        // ArmFunctionsTests.cs: the value an ARM template deployment output for this id.
        assert_eq!(
            unique_string(
                "/subscriptions/31e9f9a0-9fd2-4294-a0a3-0101246d9700/resourceGroups/\
                 rg-modm201-20230913120256/providers/Microsoft.Compute/virtualMachines/bobjacmodm201"
            ),
            "yvjxno3je5on2"
        );
        // Source: a public uniquestring.sh whose self-test says these were checked against
        // Bicep's own uniqueString() (arguments joined by `-`); `test` is also asserted by
        // an independent Go port's tests.
        assert_eq!(unique_string("test"), "rbgf3xv4ufgzg");
        assert_eq!(unique_string("hello-world"), "a7wkljktk6wne");
        assert_eq!(unique_string("abc"), "cgtzqvhu4i23s");
        assert_eq!(
            unique_string(
                "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/my-rg"
            ),
            "bmg7c6xu4tw46"
        );
        assert_eq!(unique_string("foo-bar-baz"), "xzi4ioaxtmth4");
        assert_eq!(unique_string("").len(), 13);
    }

    #[test]
    fn sha1_matches_fips_180_examples() {
        // FIPS 180 / RFC 3174 test vectors.
        let hex = |d: [u8; 20]| to_hex(&d);
        assert_eq!(
            hex(sha1(b"abc")),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        assert_eq!(
            hex(sha1(
                b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
            )),
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1"
        );
        assert_eq!(hex(sha1(b"")), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    }

    #[test]
    fn guid_is_a_version_5_uuid() {
        // Cross-checked with Python's `uuid.uuid5(UUID('11fb06fb-…'), name)` (RFC 4122 §4.3).
        // No value published by Azure itself was found; see docs/arm.md.
        assert_eq!(guid("a-b"), "2d796349-8c7e-55ec-9624-54ece82ed031");
        assert_eq!(
            guid("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-reader"),
            "7eff629c-5159-5da4-8090-b0b36e5c2629"
        );
    }

    #[test]
    fn base64_round_trips() {
        assert_eq!(base64_encode(b"one, two, three"), "b25lLCB0d28sIHRocmVl");
        assert_eq!(base64_encode(b"ab"), "YWI=");
        assert_eq!(base64_decode("YWI=").unwrap(), b"ab");
        assert_eq!(
            base64_decode("b25lLCB0d28sIHRocmVl").unwrap(),
            b"one, two, three"
        );
        assert!(base64_decode("*").is_none());
    }
}
