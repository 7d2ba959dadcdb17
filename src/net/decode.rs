//! Streaming `Content-Encoding` decoding (RFC 9110 §8.4).
//!
//! Decoders are push-based: each body chunk is written into a decoder whose
//! sink is a `Vec`, and what came out is taken after every chunk. That keeps
//! memory bounded by the chunk size and the decoder windows, not the body.

use std::io::Write;

use bytes::Bytes;
use flate2::write::{DeflateDecoder, GzDecoder, ZlibDecoder};

/// One content coding's decoder.
enum Stage {
    Gzip(GzDecoder<Vec<u8>>),
    Zlib(ZlibDecoder<Vec<u8>>),
    RawDeflate(DeflateDecoder<Vec<u8>>),
    /// "deflate" before its first two bytes are seen: RFC 9110 §8.4.1.2 says
    /// zlib (RFC 1950), but some servers send raw DEFLATE (RFC 1951); the
    /// zlib header check tells them apart as browsers do.
    DeflateSniff(Vec<u8>),
    Brotli(Box<brotli_decompressor::DecompressorWriter<Vec<u8>>>),
}

impl Stage {
    fn for_coding(coding: &str) -> Option<Stage> {
        match coding {
            // x-gzip is an alias (RFC 9110 §8.4.1.3).
            "gzip" | "x-gzip" => Some(Stage::Gzip(GzDecoder::new(Vec::new()))),
            "deflate" => Some(Stage::DeflateSniff(Vec::new())),
            "br" => Some(Stage::Brotli(Box::new(
                brotli_decompressor::DecompressorWriter::new(Vec::new(), 8192),
            ))),
            _ => None,
        }
    }

    fn push(&mut self, input: &[u8]) -> std::io::Result<Vec<u8>> {
        if let Stage::DeflateSniff(buf) = self {
            buf.extend_from_slice(input);
            if buf.len() < 2 {
                return Ok(Vec::new());
            }
            let head = std::mem::take(buf);
            let is_zlib = (head[0] & 0x0f) == 8 && u16::from_be_bytes([head[0], head[1]]) % 31 == 0;
            *self = if is_zlib {
                Stage::Zlib(ZlibDecoder::new(Vec::new()))
            } else {
                Stage::RawDeflate(DeflateDecoder::new(Vec::new()))
            };
            return self.push(&head);
        }
        fn run<W: Write>(w: &mut W, input: &[u8]) -> std::io::Result<()> {
            w.write_all(input)?;
            // flate2's writers hold output back until the next write; flush
            // hands over what this chunk produced.
            w.flush()
        }
        match self {
            Stage::Gzip(d) => {
                run(d, input)?;
                Ok(std::mem::take(d.get_mut()))
            }
            Stage::Zlib(d) => {
                run(d, input)?;
                Ok(std::mem::take(d.get_mut()))
            }
            Stage::RawDeflate(d) => {
                run(d, input)?;
                Ok(std::mem::take(d.get_mut()))
            }
            Stage::Brotli(d) => {
                run(d.as_mut(), input)?;
                Ok(std::mem::take(d.get_mut()))
            }
            Stage::DeflateSniff(_) => Ok(Vec::new()),
        }
    }

    fn finish(self) -> std::io::Result<Vec<u8>> {
        let truncated = || {
            std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "truncated compressed body",
            )
        };
        match self {
            Stage::Gzip(d) => d.finish(),
            Stage::Zlib(d) => d.finish(),
            Stage::RawDeflate(d) => d.finish(),
            Stage::Brotli(d) => d.into_inner().map_err(|_| truncated()),
            Stage::DeflateSniff(buf) if buf.is_empty() => Ok(Vec::new()),
            Stage::DeflateSniff(_) => Err(truncated()),
        }
    }
}

/// The decoder chain for one response body.
pub struct Decoder {
    /// In decoding order: the last coding applied comes first.
    stages: Vec<Stage>,
    /// An empty body (HEAD, 204, 304 with a Content-Encoding header) is not
    /// a truncated stream.
    seen_input: bool,
}

impl Decoder {
    /// A decoder for a `Content-Encoding` value, or `None` when it names a
    /// coding we do not know; the body is then passed through untouched, as
    /// browsers do.
    pub fn for_header(content_encoding: &str) -> Option<Decoder> {
        let mut stages = Vec::new();
        // Codings are listed in the order they were applied (§8.4).
        for coding in content_encoding.split(',').rev() {
            let coding = coding.trim().to_ascii_lowercase();
            if coding.is_empty() || coding == "identity" {
                continue;
            }
            stages.push(Stage::for_coding(&coding)?);
        }
        Some(Decoder {
            stages,
            seen_input: false,
        })
    }

    /// Decodes one chunk of the encoded body.
    pub fn push(&mut self, chunk: &[u8]) -> std::io::Result<Bytes> {
        self.seen_input |= !chunk.is_empty();
        let mut data = chunk.to_vec();
        for stage in &mut self.stages {
            data = stage.push(&data)?;
        }
        Ok(Bytes::from(data))
    }

    /// Ends the body: errors when a compressed stream was truncated.
    pub fn finish(&mut self) -> std::io::Result<Bytes> {
        let mut data = Vec::new();
        let stages = std::mem::take(&mut self.stages);
        if !self.seen_input {
            return Ok(Bytes::new());
        }
        for mut stage in stages {
            // Input carried from the previous stage's end goes in first.
            let mut produced = stage.push(&data)?;
            produced.extend(stage.finish()?);
            data = produced;
        }
        Ok(Bytes::from(data))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_in_pieces(header: &str, encoded: &[u8], piece: usize) -> Vec<u8> {
        let mut d = Decoder::for_header(header).expect("known coding");
        let mut out = Vec::new();
        for c in encoded.chunks(piece) {
            out.extend_from_slice(&d.push(c).expect("push"));
        }
        out.extend_from_slice(&d.finish().expect("finish"));
        out
    }

    #[test]
    fn gzip_zlib_raw_deflate_and_chains() {
        let text = b"hello hello hello hello compressed world".repeat(50);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&text).expect("gz");
        let gz = gz.finish().expect("gz");
        assert_eq!(decode_in_pieces("gzip", &gz, 7), text);
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(&text).expect("zlib");
        let z = z.finish().expect("zlib");
        assert_eq!(decode_in_pieces("deflate", &z, 1), text);
        let mut raw =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        raw.write_all(&text).expect("raw");
        let raw = raw.finish().expect("raw");
        assert_eq!(decode_in_pieces("Deflate", &raw, 3), text);
        // gzip applied first, then deflate: decode deflate, then gzip.
        let mut z2 = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z2.write_all(&gz).expect("zlib");
        let z2 = z2.finish().expect("zlib");
        assert_eq!(decode_in_pieces("gzip, deflate", &z2, 5), text);
        assert!(Decoder::for_header("zstd").is_none());
    }

    #[test]
    fn empty_body_is_not_truncated() {
        for coding in ["gzip", "deflate", "br", "gzip, br"] {
            let mut d = Decoder::for_header(coding).expect("known");
            assert!(d.finish().expect("empty").is_empty(), "{coding}");
        }
    }

    #[test]
    fn truncated_gzip_is_an_error() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&[7u8; 1000]).expect("gz");
        let gz = gz.finish().expect("gz");
        let mut d = Decoder::for_header("gzip").expect("gzip");
        let _ = d.push(&gz[..gz.len() / 2]);
        assert!(d.finish().is_err());
    }
}
