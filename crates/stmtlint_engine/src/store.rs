//! Where a run's findings wait for the report: one record per file, written as
//! each file is linted, read back in path order when the report is written. The
//! records are kept in memory up to a size, then moved to an anonymous temporary
//! file, so a run's memory does not grow with its findings (10,000 statements
//! make 40,000 findings, about 100 MB as values).
//!
//! A record is the file's diagnostics in a compact binary form (this module's
//! `encode`/`decode`, tested to give back exactly what they were given).

use std::io::{self, Read, Seek, SeekFrom, Write};
use std::sync::Mutex;

use stmtlint_plugin::{Applicability, Severity, Span};

use crate::lock;
use crate::report::{Chunk, Diagnostic, EditReport, Excerpt, FixReport, LabelReport, Region};

/// Bytes of records kept in memory before they move to a temporary file.
pub(crate) const IN_MEMORY: usize = 1 << 20;

/// Where one record is (16 bytes: a run keeps one per file and corpus rule).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Record {
    offset: u64,
    len: u32,
    in_file: bool,
}

impl Record {
    /// What [`Store::append`] gives for bytes it cannot hold (4 GiB or more in
    /// one record): reading it back is an error.
    const TOO_BIG: Record = Record {
        offset: u64::MAX,
        len: u32::MAX,
        in_file: false,
    };
}

/// Findings in one record: a file with very many (a 20 MB statement can have
/// hundreds of thousands) is stored in several, so its bytes are never all in
/// memory beside its findings.
const CHUNK: usize = 512;

/// Where one file's findings are: a record per chunk of them, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Stored {
    first: Record,
    more: Box<[Record]>,
    /// How many findings there are of each severity (info, warning, error).
    pub(crate) counts: [u32; 3],
}

/// The records of one run: the first in memory, the rest in a temporary file.
pub(crate) struct Store {
    spool: Mutex<Spool>,
    /// Bytes kept in memory before records go to the file.
    limit: usize,
}

#[derive(Default)]
struct Spool {
    memory: Vec<u8>,
    /// An unlinked temporary file (gone with the process), and its length.
    file: Option<(std::fs::File, u64)>,
    /// The file could not be made or written: everything stays in memory.
    no_file: bool,
}

impl Store {
    /// A store that keeps `limit` bytes in memory, the rest in a temporary file.
    pub(crate) fn new(limit: usize) -> Self {
        Self {
            spool: Mutex::default(),
            limit,
        }
    }

    /// Appends `bytes`; where they are. Where no temporary file can be made or
    /// written (no space, no writable temporary folder), the records stay in
    /// memory: the run goes on, with more memory.
    pub(crate) fn append(&self, bytes: &[u8]) -> Record {
        let Ok(len) = u32::try_from(bytes.len()) else {
            return Record::TOO_BIG;
        };
        let mut spool = lock(&self.spool);
        if spool.memory.capacity() == 0 {
            // At once: grown by doubling, the buffer would take up to twice the limit.
            spool.memory.reserve_exact(self.limit);
        }
        if spool.memory.len() + bytes.len() > self.limit && !spool.no_file {
            if spool.file.is_none() {
                spool.file = tempfile::tempfile().ok().map(|f| (f, 0));
            }
            if let Some((file, end)) = &mut spool.file {
                let offset = *end;
                if file
                    .seek(SeekFrom::Start(offset))
                    .and_then(|_| file.write_all(bytes))
                    .is_ok()
                {
                    *end += u64::from(len);
                    return Record {
                        in_file: true,
                        offset,
                        len,
                    };
                }
            }
            spool.no_file = true;
        }
        let offset = spool.memory.len() as u64;
        spool.memory.extend_from_slice(bytes);
        Record {
            in_file: false,
            offset,
            len,
        }
    }

    /// Stores one file's `diagnostics` (of `path`, in report order; at least one).
    pub(crate) fn put(&self, path: &str, diagnostics: &[Diagnostic]) -> Stored {
        let mut chunks = diagnostics.chunks(CHUNK).map(|chunk| self.append(&encode(path, chunk)));
        let first = chunks.next().unwrap_or_else(|| self.append(&encode(path, &[])));
        let mut counts = [0u32; 3];
        for d in diagnostics {
            counts[match d.severity {
                Severity::Info => 0,
                Severity::Warning => 1,
                Severity::Error => 2,
            }] += 1;
        }
        Stored {
            first,
            more: chunks.collect(),
            counts,
        }
    }

    /// What [`Store::put`] stored.
    pub(crate) fn get(&self, stored: &Stored) -> io::Result<Vec<Diagnostic>> {
        let mut diagnostics = Vec::new();
        for part in self.parts(stored) {
            diagnostics.append(&mut part?);
        }
        Ok(diagnostics)
    }

    /// What [`Store::put`] stored, a chunk at a time.
    pub(crate) fn parts<'s>(&'s self, stored: &'s Stored) -> impl Iterator<Item = io::Result<Vec<Diagnostic>>> + 's {
        std::iter::once(&stored.first)
            .chain(stored.more.iter())
            .map(|record| decode(&self.read(*record)?))
    }

    /// How many parts [`Store::parts`] gives.
    pub(crate) fn count_parts(stored: &Stored) -> usize {
        1 + stored.more.len()
    }

    /// The bytes of `record`.
    pub(crate) fn read(&self, record: Record) -> io::Result<Vec<u8>> {
        if record == Record::TOO_BIG {
            return Err(invalid("a record of 4 GiB or more"));
        }
        let mut spool = lock(&self.spool);
        let out_of_range = || invalid("a record out of range");
        let start = usize::try_from(record.offset).map_err(|_| out_of_range())?;
        let len = usize::try_from(record.len).map_err(|_| out_of_range())?;
        if !record.in_file {
            return spool
                .memory
                .get(start..start.saturating_add(len))
                .map(<[u8]>::to_vec)
                .ok_or_else(out_of_range);
        }
        let (file, _) = spool.file.as_mut().ok_or_else(out_of_range)?;
        let mut bytes = vec![0; len];
        file.seek(SeekFrom::Start(record.offset))?;
        file.read_exact(&mut bytes)?;
        Ok(bytes)
    }

    /// Whether records went to a file.
    #[cfg(test)]
    pub(crate) fn on_disk(&self) -> bool {
        lock(&self.spool).file.is_some()
    }
}

fn invalid(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("stored findings: {what}"))
}

/// The diagnostics of one file (`path`, which every one of them has) as bytes.
fn encode(path: &str, diagnostics: &[Diagnostic]) -> Vec<u8> {
    let mut out = Writer(Vec::with_capacity(256 * diagnostics.len()));
    out.str(path);
    out.int(diagnostics.len());
    for d in diagnostics {
        out.diagnostic(d);
    }
    out.0
}

/// What [`encode`] wrote.
fn decode(bytes: &[u8]) -> io::Result<Vec<Diagnostic>> {
    let mut input = Reader(bytes);
    let path = input.str()?;
    let count: usize = input.int()?;
    let mut diagnostics = Vec::with_capacity(count.min(bytes.len()));
    for _ in 0..count {
        diagnostics.push(input.diagnostic(&path)?);
    }
    if !input.0.is_empty() {
        return Err(invalid("bytes after the last finding"));
    }
    Ok(diagnostics)
}

struct Writer(Vec<u8>);

impl Writer {
    /// An unsigned number, seven bits a byte (LEB128).
    fn int(&mut self, n: impl TryInto<u64>) {
        let mut n: u64 = n.try_into().unwrap_or(u64::MAX);
        loop {
            let low = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.0.push(low);
                return;
            }
            self.0.push(low | 0x80);
        }
    }

    fn str(&mut self, s: &str) {
        self.int(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }

    /// `None` as 0, `Some(n)` as n + 1.
    fn option(&mut self, n: Option<u32>) {
        self.int(n.map_or(0, |n| u64::from(n) + 1));
    }

    fn optional_str(&mut self, s: Option<&str>) {
        self.0.push(u8::from(s.is_some()));
        if let Some(s) = s {
            self.str(s);
        }
    }

    fn region(&mut self, r: Region) {
        let Region {
            line,
            column,
            end_line,
            end_column,
        } = r;
        for n in [line, column, end_line, end_column] {
            self.int(n);
        }
    }

    fn span(&mut self, s: Span) {
        self.int(s.start);
        self.int(s.end);
    }

    fn diagnostic(&mut self, d: &Diagnostic) {
        // Every field named, so a new one cannot be forgotten here.
        let Diagnostic {
            path: _,
            rule,
            severity,
            message,
            help,
            region,
            page,
            text,
            labels,
            fix,
            span,
            excerpt,
        } = d;
        self.str(rule);
        self.0.push(match severity {
            Severity::Info => 0,
            Severity::Warning => 1,
            Severity::Error => 2,
        });
        self.str(message);
        self.optional_str(help.as_deref());
        self.region(*region);
        self.option(*page);
        self.str(text);
        self.int(labels.len());
        for LabelReport {
            region,
            page,
            text,
            message,
            span,
        } in labels
        {
            self.region(*region);
            self.option(*page);
            self.str(text);
            self.str(message);
            self.span(*span);
        }
        self.0.push(u8::from(fix.is_some()));
        if let Some(FixReport {
            message,
            applicability,
            edits,
        }) = fix
        {
            self.str(message);
            self.0.push(match applicability {
                Applicability::Safe => 0,
                Applicability::Unsafe => 1,
                Applicability::DisplayOnly => 2,
            });
            self.int(edits.len());
            for EditReport {
                region,
                replacement,
                original,
            } in edits
            {
                self.region(*region);
                self.str(replacement);
                self.str(original);
            }
        }
        self.span(*span);
        let Excerpt {
            chunks,
            spans,
            positions,
        } = excerpt;
        self.int(chunks.len());
        for Chunk {
            offset,
            line,
            page,
            text,
        } in chunks
        {
            self.int(*offset);
            self.int(*line);
            self.option(*page);
            self.str(text);
        }
        self.int(spans.len());
        for span in spans {
            self.0.push(u8::from(span.is_some()));
            if let Some(span) = span {
                self.span(*span);
            }
        }
        self.int(positions.len());
        for (line, column) in positions {
            self.int(*line);
            self.int(*column);
        }
    }
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn byte(&mut self) -> io::Result<u8> {
        let (&first, rest) = self.0.split_first().ok_or_else(|| invalid("a record cut short"))?;
        self.0 = rest;
        Ok(first)
    }

    fn u64(&mut self) -> io::Result<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            n |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(invalid("a number too long"))
    }

    fn int<T: TryFrom<u64>>(&mut self) -> io::Result<T> {
        T::try_from(self.u64()?).map_err(|_| invalid("a number out of range"))
    }

    fn str(&mut self) -> io::Result<String> {
        let len: usize = self.int()?;
        if len > self.0.len() {
            return Err(invalid("a record cut short"));
        }
        let (text, rest) = self.0.split_at(len);
        self.0 = rest;
        String::from_utf8(text.to_vec()).map_err(|_| invalid("text that is not UTF-8"))
    }

    fn option(&mut self) -> io::Result<Option<u32>> {
        match self.u64()? {
            0 => Ok(None),
            n => u32::try_from(n - 1)
                .map(Some)
                .map_err(|_| invalid("a number out of range")),
        }
    }

    fn flag(&mut self) -> io::Result<bool> {
        match self.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(invalid("a flag that is neither 0 nor 1")),
        }
    }

    fn optional_str(&mut self) -> io::Result<Option<String>> {
        if self.flag()? { self.str().map(Some) } else { Ok(None) }
    }

    fn region(&mut self) -> io::Result<Region> {
        Ok(Region {
            line: self.int()?,
            column: self.int()?,
            end_line: self.int()?,
            end_column: self.int()?,
        })
    }

    fn span(&mut self) -> io::Result<Span> {
        Ok(Span {
            start: self.int()?,
            end: self.int()?,
        })
    }

    /// A list of `count` items; the count is checked against the bytes left, so a
    /// broken record cannot ask for a huge allocation.
    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> io::Result<T>) -> io::Result<Vec<T>> {
        let count: usize = self.int()?;
        let mut items = Vec::with_capacity(count.min(self.0.len()));
        for _ in 0..count {
            items.push(item(self)?);
        }
        Ok(items)
    }

    fn diagnostic(&mut self, path: &str) -> io::Result<Diagnostic> {
        let rule = self.str()?;
        let severity = match self.byte()? {
            0 => Severity::Info,
            1 => Severity::Warning,
            2 => Severity::Error,
            _ => return Err(invalid("an unknown severity")),
        };
        let message = self.str()?;
        let help = self.optional_str()?;
        let region = self.region()?;
        let page = self.option()?;
        let text = self.str()?;
        let labels = self.list(|r| {
            Ok(LabelReport {
                region: r.region()?,
                page: r.option()?,
                text: r.str()?,
                message: r.str()?,
                span: r.span()?,
            })
        })?;
        let fix = if self.flag()? {
            let message = self.str()?;
            let applicability = match self.byte()? {
                0 => Applicability::Safe,
                1 => Applicability::Unsafe,
                2 => Applicability::DisplayOnly,
                _ => return Err(invalid("an unknown applicability")),
            };
            let edits = self.list(|r| {
                Ok(EditReport {
                    region: r.region()?,
                    replacement: r.str()?,
                    original: r.str()?,
                })
            })?;
            Some(FixReport {
                message,
                applicability,
                edits,
            })
        } else {
            None
        };
        let span = self.span()?;
        let chunks = self.list(|r| {
            Ok(Chunk {
                offset: r.int()?,
                line: r.int()?,
                page: r.option()?,
                text: r.str()?,
            })
        })?;
        let spans = self.list(|r| if r.flag()? { r.span().map(Some) } else { Ok(None) })?;
        let positions = self.list(|r| Ok((r.int()?, r.int()?)))?;
        Ok(Diagnostic {
            path: path.to_owned(),
            rule,
            severity,
            message,
            help,
            region,
            page,
            text,
            labels,
            fix,
            span,
            excerpt: Excerpt {
                chunks,
                spans,
                positions,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Diagnostic> {
        let region = Region {
            line: 3,
            column: 7,
            end_line: 3,
            end_column: 14,
        };
        vec![
            Diagnostic {
                path: "drafts/a b.md".into(),
                rule: "inconsistent-name".into(),
                severity: Severity::Warning,
                message: "`EU-U.S.` is written `U.S.-EU` 3 times".into(),
                help: Some("write `U.S.-EU`".into()),
                region,
                page: None,
                text: "EU-U.S.".into(),
                labels: vec![LabelReport {
                    region: Region { line: 1, ..region },
                    page: None,
                    text: "U.S.-EU".into(),
                    message: "first written as".into(),
                    span: Span { start: 4, end: 11 },
                }],
                fix: Some(FixReport {
                    message: "write `U.S.-EU`".into(),
                    applicability: Applicability::Safe,
                    edits: vec![EditReport {
                        region,
                        replacement: "U.S.-EU".into(),
                        original: "EU-U.S.".into(),
                    }],
                }),
                span: Span { start: 300, end: 307 },
                excerpt: Excerpt {
                    chunks: vec![Chunk {
                        offset: 0,
                        line: 0,
                        page: None,
                        text: "The U.S.-EU Summit\n\nÉmigré EU-U.S. talks".into(),
                    }],
                    spans: vec![Some(Span { start: 27, end: 34 }), None],
                    positions: vec![(2, 6), (0, 4)],
                },
            },
            Diagnostic {
                path: "drafts/a b.md".into(),
                rule: "missing-section".into(),
                severity: Severity::Error,
                message: "no date".into(),
                help: None,
                region: Region::default(),
                page: Some(u32::MAX - 1),
                text: String::new(),
                labels: Vec::new(),
                fix: Some(FixReport {
                    message: String::new(),
                    applicability: Applicability::DisplayOnly,
                    edits: Vec::new(),
                }),
                span: Span {
                    start: usize::MAX,
                    end: 0,
                },
                excerpt: Excerpt::default(),
            },
        ]
    }

    #[test]
    fn a_record_gives_back_what_it_was_given() {
        let diagnostics = sample();
        let bytes = encode("drafts/a b.md", &diagnostics);
        assert_eq!(decode(&bytes).unwrap(), diagnostics);
        assert_eq!(decode(&encode("x", &[])).unwrap(), Vec::new());
    }

    #[test]
    fn a_broken_record_is_an_error_not_a_panic() {
        let bytes = encode("drafts/a b.md", &sample());
        for cut in 0..bytes.len() {
            assert!(decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer).is_err());
        // A count of a billion findings in a ten-byte record.
        assert!(decode(&[1, b'a', 0x80, 0x80, 0x80, 0x80, 0x04]).is_err());
    }

    #[test]
    fn records_read_back_from_memory_and_from_the_file() {
        let store = Store::new(100);
        let records: Vec<(Record, Vec<u8>)> = (0..50u8)
            .map(|i| {
                let bytes = vec![i; usize::from(i) * 3];
                (store.append(&bytes), bytes)
            })
            .collect();
        assert!(store.on_disk(), "past 100 bytes the records move to a file");
        for (record, bytes) in records.iter().rev() {
            assert_eq!(&store.read(*record).unwrap(), bytes);
        }
        let small = Store::new(1 << 20);
        let record = small.append(b"kept in memory");
        assert!(!small.on_disk());
        assert_eq!(small.read(record).unwrap(), b"kept in memory");
        // What could not be stored (4 GiB in one record) reads back as an error.
        let error = small.read(Record::TOO_BIG).unwrap_err();
        assert!(error.to_string().contains("4 GiB"), "{error}");
        assert_eq!(std::mem::size_of::<Record>(), 16, "one per file and corpus rule");
    }

    #[test]
    fn a_file_with_very_many_findings_is_stored_in_chunks_and_read_back_whole() {
        let store = Store::new(0);
        let many: Vec<Diagnostic> = (0..CHUNK * 2 + 3)
            .map(|i| Diagnostic {
                message: format!("finding {i}"),
                ..sample()[0].clone()
            })
            .collect();
        let stored = store.put("drafts/a b.md", &many);
        assert_eq!(stored.more.len(), 2);
        assert_eq!(store.get(&stored).unwrap(), many);
        let one = store.put("drafts/a b.md", &many[..1]);
        assert_eq!((one.more.len(), store.get(&one).unwrap()), (0, many[..1].to_vec()));
    }
}
