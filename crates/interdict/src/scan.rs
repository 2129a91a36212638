//! `interdict scan`: finds listed names in documents and reports each mention with its place
//! in the original file.

use crate::cli::{ScanArgs, ScanFormat};
use crate::lists::{self, Loaded};
use crate::note;
use crate::output::Sink;
use anyhow::{bail, Context, Result};
use interdict_docs::{email, html, Encoding, Kind, Piece, TextStream};
use interdict_match::report::MentionJson;
use interdict_match::{Mention, MentionKind, ScanOptions, DEFAULT_THRESHOLD};
use serde_json::json;
use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::time::Instant;

/// Bytes of plain text scanned at a time.
const PIECE: usize = 1 << 20;
/// Largest HTML page or e-mail message read (they are read whole).
const MAX_WHOLE: usize = 256 << 20;

/// Runs `scan`.
pub fn run(args: ScanArgs, data_dir: Option<&std::path::Path>) -> Result<()> {
    let min_score = args.min_score.unwrap_or(DEFAULT_THRESHOLD);
    if !(0.0..=1.0).contains(&min_score) {
        bail!("--min-score must be between 0 and 1, got {min_score}");
    }
    if args.documents.iter().filter(|d| *d == "-").count() > 1 {
        bail!("standard input ('-') can be given once");
    }
    for d in args.documents.iter().filter(|d| *d != "-") {
        if !std::path::Path::new(d).is_file() {
            bail!("{d}: no such file");
        }
    }
    let source = lists::Source::chosen(args.sample, lists::Source::Real);
    let loaded = lists::load(&args.lists, data_dir, source)?;
    loaded.warn_if_stale();
    let options = ScanOptions {
        min_score,
        context: args.context,
        ..ScanOptions::default()
    };
    let mut sink = Sink::open(args.output.as_deref())?;
    // The scanner's lookup tables are built once, before any document's time is counted.
    drop(loaded.index.scanner(options));
    for doc in &args.documents {
        let started = Instant::now();
        let (mentions, bytes) = scan_document(doc, &loaded, options)?;
        let w = sink.writer();
        match args.format {
            ScanFormat::Json => write_json(w, doc, &mentions),
            ScanFormat::Text => write_text(w, doc, &mentions),
        }?;
        let secs = started.elapsed().as_secs_f64();
        let entities: BTreeSet<&str> = mentions.iter().map(|m| m.entity.id.as_str()).collect();
        note!(
            "{doc}: {} mention(s) of {} distinct entit{}; {} bytes in {secs:.2} s ({:.1} MB/s)",
            mentions.len(),
            entities.len(),
            if entities.len() == 1 { "y" } else { "ies" },
            bytes,
            bytes as f64 / 1e6 / secs.max(1e-9)
        );
    }
    let finished = sink.finish();
    loaded.release();
    finished
}

/// Opens a document (or standard input) as a reader.
fn open(doc: &str) -> Result<Box<dyn Read>> {
    if doc == "-" {
        return Ok(Box::new(std::io::stdin().lock()));
    }
    let f = std::fs::File::open(doc).with_context(|| format!("{doc}: cannot read"))?;
    Ok(Box::new(std::io::BufReader::new(f)))
}

/// Scans one document; returns its mentions and its size in bytes.
fn scan_document<'a>(
    doc: &str,
    loaded: &'a Loaded,
    options: ScanOptions,
) -> Result<(Vec<Mention<'a>>, usize)> {
    let mut reader = open(doc)?;
    let mut head = vec![0u8; 64 * 1024];
    let mut filled = 0;
    while filled < head.len() {
        let n = reader
            .read(&mut head[filled..])
            .with_context(|| format!("{doc}: cannot read"))?;
        if n == 0 {
            break;
        }
        filled += n;
    }
    head.truncate(filled);
    if let Some(what) = interdict_docs::binary_kind(&head) {
        bail!(
            "{doc}: {what}, not text: scan reads plain text, HTML and e-mail (save the document \
             as text first)"
        );
    }
    let name = (doc != "-").then_some(doc);
    let kind = Kind::detect(name, &head);
    let mut scanner = loaded.index.scanner(options);
    let mut size = 0usize;
    let mut scan_piece = |p: &Piece| {
        scanner.scan(&p.text, &|pos| p.map.original(pos));
    };
    match kind {
        Kind::Text => {
            let chained = std::io::Cursor::new(head).chain(reader);
            for piece in TextStream::new(chained, PIECE) {
                let piece = piece.with_context(|| format!("{doc}: cannot read"))?;
                size = piece.map.original(piece.text.len());
                scan_piece(&piece);
            }
        }
        Kind::Html | Kind::Email => {
            let mut bytes = head;
            reader
                .take((MAX_WHOLE + 1 - bytes.len().min(MAX_WHOLE)) as u64)
                .read_to_end(&mut bytes)
                .with_context(|| format!("{doc}: cannot read"))?;
            if bytes.len() > MAX_WHOLE {
                bail!(
                    "{doc}: larger than {} MB; HTML and e-mail are read whole (scan it as text)",
                    MAX_WHOLE >> 20
                );
            }
            size = bytes.len();
            let pieces = if kind == Kind::Html {
                let (encoding, bom) = Encoding::detect(&bytes);
                let decoded = interdict_docs::decode(&bytes[bom..], encoding, bom);
                vec![html::text(&decoded.text, &decoded.map)]
            } else {
                email::texts(&bytes)
            };
            for p in &pieces {
                scan_piece(p);
            }
        }
    }
    Ok((scanner.finish(), size))
}

fn write_json(w: &mut dyn Write, doc: &str, mentions: &[Mention<'_>]) -> std::io::Result<()> {
    let obj = json!({
        "document": doc,
        "mentions": mentions.iter().map(MentionJson::new).collect::<Vec<_>>(),
    });
    writeln!(w, "{obj}")
}

/// The readable listing: the entities named, then one line per stretch of text with the list
/// and reference of the entity it names (the UN's first), how and how well it matched, the
/// text in context, and on a second line the reason and the other lists naming the same stretch.
fn write_text(w: &mut dyn Write, doc: &str, mentions: &[Mention<'_>]) -> std::io::Result<()> {
    let entities: BTreeSet<(&str, &str, &str)> = mentions
        .iter()
        .map(|m| {
            (
                m.entity.provenance.list.as_str(),
                m.entity.provenance.reference.as_str(),
                m.entity.caption.as_str(),
            )
        })
        .collect();
    let spans = by_span(mentions);
    writeln!(
        w,
        "{doc}: {} mention{} of {} distinct entit{}",
        spans.len(),
        if spans.len() == 1 { "" } else { "s" },
        entities.len(),
        if entities.len() == 1 { "y" } else { "ies" }
    )?;
    for (list, reference, caption) in &entities {
        writeln!(w, "  {list} {reference} {caption}")?;
    }
    for same in spans {
        let m = same[0];
        writeln!(
            w,
            "  bytes {}..{}  {} {}  {} {:.2}  …{}[[{}]]{}…",
            m.start,
            m.end,
            m.entity.provenance.list,
            m.entity.provenance.reference,
            match m.kind {
                MentionKind::Name => "name",
                MentionKind::Acronym => "acronym",
            },
            m.score,
            m.context.0,
            m.text,
            m.context.1
        )?;
        let also: Vec<String> = same
            .iter()
            .flat_map(|o| o.also_listed.iter().map(|a| a.entity))
            .chain(same[1..].iter().map(|o| o.entity))
            .map(|e| format!("{} {}", e.provenance.list, e.provenance.reference))
            .collect();
        if also.is_empty() {
            writeln!(w, "      {}", m.why)?;
        } else {
            writeln!(w, "      {}; also {}", m.why, also.join(", "))?;
        }
    }
    Ok(())
}

/// Mentions grouped by the stretch of text they cover, in text order; in each group the UN's
/// entry first, then by score.
fn by_span<'m, 'a>(mentions: &'m [Mention<'a>]) -> Vec<Vec<&'m Mention<'a>>> {
    let mut groups: Vec<Vec<&Mention>> = Vec::new();
    for m in mentions {
        match groups.last_mut() {
            Some(g) if g[0].start == m.start && g[0].end == m.end => g.push(m),
            _ => groups.push(vec![m]),
        }
    }
    for g in &mut groups {
        g.sort_by(|a, b| {
            let not_un = |m: &Mention| !m.entity.provenance.list.starts_with("un-sc");
            not_un(a).cmp(&not_un(b)).then(b.score.total_cmp(&a.score))
        });
    }
    groups
}
