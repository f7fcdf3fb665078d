//! The names in a zip's central directory, read straight from the file.
//!
//! The `zip` crate keys entries by name, so an archive holding two entries with one name
//! shows only the last of them: whichever copy a tool extracts, the other may be what a
//! trainer checked. Counting the names as written is the only way to refuse such an
//! archive, and to say how many entries a huge one really has.

use std::io::{self, BufReader, Read, Seek, SeekFrom};

/// A central directory file header starts with these four bytes.
const CENTRAL_HEADER: [u8; 4] = [0x50, 0x4b, 0x01, 0x02];
/// Fixed part of a central directory header, before the name.
const FIXED: usize = 46;

/// The raw names of the central directory starting at `start`, in order, read until the
/// headers end; at most `limit + 1` of them, so a hostile count cannot exhaust memory (one
/// more than the limit is enough to know it is over).
pub(super) fn names(
    file: &mut (impl Read + Seek),
    start: u64,
    limit: usize,
) -> io::Result<Vec<Vec<u8>>> {
    file.seek(SeekFrom::Start(start))?;
    let mut reader = BufReader::new(file);
    let mut names = Vec::new();
    let mut fixed = [0u8; FIXED];
    while names.len() <= limit {
        match reader.read_exact(&mut fixed) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => break,
            Err(e) => return Err(e),
        }
        if fixed[..4] != CENTRAL_HEADER {
            break;
        }
        let u16_at = |i: usize| usize::from(u16::from_le_bytes([fixed[i], fixed[i + 1]]));
        let (name_len, extra_len, comment_len) = (u16_at(28), u16_at(30), u16_at(32));
        let mut name = vec![0u8; name_len];
        reader.read_exact(&mut name)?;
        // Past the extra field and the comment to the next header.
        io::copy(
            &mut (&mut reader).take((extra_len + comment_len) as u64),
            &mut io::sink(),
        )?;
        names.push(name);
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};
    use zip::write::SimpleFileOptions;

    #[test]
    fn every_name_is_read_in_order_even_repeated_ones() {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for name in ["course.toml", "lessons/a.md", "lessons/b.md"] {
            zip.start_file(name, SimpleFileOptions::default()).unwrap();
            zip.write_all(name.as_bytes()).unwrap();
        }
        let mut bytes = zip.finish().unwrap().into_inner();
        let archive = zip::ZipArchive::new(Cursor::new(bytes.clone())).unwrap();
        let start = archive.central_directory_start();
        // Rename the third entry to the second's name, in the central directory only.
        let at = bytes
            .windows(12)
            .rposition(|w| w == b"lessons/b.md")
            .unwrap();
        bytes[at + 8] = b'a';
        let got = names(&mut Cursor::new(&bytes), start, 100).unwrap();
        assert_eq!(got, [&b"course.toml"[..], b"lessons/a.md", b"lessons/a.md"]);
        assert_eq!(names(&mut Cursor::new(&bytes), start, 1).unwrap().len(), 2);
    }
}
