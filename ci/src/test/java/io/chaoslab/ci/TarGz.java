package io.chaoslab.ci;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The regular files of a {@code .tgz}, such as {@code helm package} writes: ustar headers, with a
 * PAX {@code path} record for a long name. Enough to read a chart, not a general tar reader.
 */
final class TarGz {
  private static final int BLOCK = 512;

  private TarGz() {}

  /** Each regular file's path in the archive and its content, in the archive's order. */
  static Map<String, byte[]> files(Path archive) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (InputStream raw = Files.newInputStream(archive);
        DataInputStream in = new DataInputStream(new GZIPInputStream(raw))) {
      String paxPath = null;
      byte[] header = new byte[BLOCK];
      while (true) {
        try {
          in.readFully(header);
        } catch (EOFException e) {
          return files;
        }
        if (header[0] == 0) {
          return files; // the end-of-archive blocks
        }
        String name = field(header, 0, 100);
        String prefix = field(header, 345, 155);
        long size = Long.parseLong(field(header, 124, 12).trim(), 8);
        byte type = header[156];
        byte[] content = new byte[Math.toIntExact(size)];
        in.readFully(content);
        in.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
        if (type == 'x') {
          paxPath = paxRecord(content, "path");
        } else if (type == '0' || type == 0) {
          String path = prefix.isEmpty() ? name : prefix + "/" + name;
          files.put(paxPath != null ? paxPath : path, content);
          paxPath = null;
        } else {
          paxPath = null;
        }
      }
    }
  }

  private static String field(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }

  /** A PAX extended header's value for {@code key}: records are "LENGTH KEY=VALUE\n". */
  private static String paxRecord(byte[] records, String key) {
    for (String record : new String(records, StandardCharsets.UTF_8).split("\n")) {
      String keyValue = record.substring(record.indexOf(' ') + 1);
      if (keyValue.startsWith(key + "=")) {
        return keyValue.substring(key.length() + 1);
      }
    }
    return null;
  }
}
