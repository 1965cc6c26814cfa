package io.github.puregrad.save;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Files written in one atomic step and read with a size limit: the file system's side of {@link
 * SaveFile}.
 *
 * <pre>{@code
 * AtomicFile.write(Path.of("run.json"), bytes);   // a temporary file, then one rename
 * byte[] back = AtomicFile.read(Path.of("run.json"), 1 << 20, "a save file");
 * }</pre>
 *
 * <p>A symlink stays a symlink: its target is written (atomically, in the target's directory), so a
 * link into a shared directory keeps working. A replaced file keeps its permissions; a new one gets
 * the process's defaults (the umask), as a file made with {@code >} in a shell.
 */
final class AtomicFile {
  /** The most bytes a file name may have on the usual file systems (NAME_MAX). */
  static final int NAME_MAX = 255;

  /** How many bytes the temporary file's name adds to the target's: '.', '.', 8 hex, ".tmp". */
  static final int TEMPORARY_SUFFIX = 14;

  /** The most symlinks followed to a file, as Linux's own limit (ELOOP). */
  private static final int LINKS = 40;

  private AtomicFile() {}

  /**
   * Checks, before any work is done, that {@link #write} can write {@code file}: it has a name that
   * fits with the temporary suffix, it is not a directory nor a device, its directory exists and a
   * file can be created there (tried, then removed).
   *
   * @return the file that will be written: {@code file}, or the target of its symlinks
   * @throws IllegalArgumentException for a name that cannot be a save file's
   * @throws UncheckedIOException when the directory does not let a file be created
   */
  static Path requireWritable(Path file) {
    Path target = target(file);
    Path name = target.getFileName();
    if (name == null) {
      throw new IllegalArgumentException(
          "cannot save to " + file + ": expected a file name, got a directory");
    }
    int bytes = name.toString().getBytes(StandardCharsets.UTF_8).length;
    if (bytes + TEMPORARY_SUFFIX > NAME_MAX) {
      throw new IllegalArgumentException(
          "cannot save to "
              + file
              + ": expected a file name of at most "
              + (NAME_MAX - TEMPORARY_SUFFIX)
              + " bytes (the temporary file adds "
              + TEMPORARY_SUFFIX
              + " to it), got "
              + bytes);
    }
    if (Files.isDirectory(target)) {
      throw new IllegalArgumentException(
          "cannot save to " + file + ": expected a file, got a directory");
    }
    if (Files.exists(target) && !Files.isRegularFile(target)) {
      // renaming over a device or a pipe would replace it, not write into it
      throw new IllegalArgumentException(
          "cannot save to " + file + ": expected a regular file, got a device or a pipe");
    }
    Path directory = parent(target);
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException(
          "cannot save to "
              + file
              + ": expected a directory at "
              + directory
              + ", got "
              + (Files.exists(directory) ? "a file" : "nothing"));
    }
    try {
      Path probe = create(target);
      Files.delete(probe);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save to " + file + ": " + cause(e), e);
    }
    return target;
  }

  /** Writes {@code bytes} to {@code file} (or its symlinks' target) in one atomic rename. */
  static void write(Path file, byte[] bytes) {
    Path temporary = null;
    try {
      Path target = target(file);
      if (target.getFileName() == null) {
        throw new IllegalArgumentException(
            "cannot save to " + file + ": expected a file name, got a directory");
      }
      @Nullable Set<PosixFilePermission> permissions = permissions(target);
      temporary = create(target);
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true); // on disk before the rename makes it the file
      }
      if (permissions != null) {
        Files.setPosixFilePermissions(temporary, permissions);
      }
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temporary = null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + cause(e), e);
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException e) {
          // the write already failed; that error is the one to report
        }
      }
    }
  }

  /**
   * {@return the bytes of {@code file}, read through a bounded stream, so an endless device or a
   * huge file gives one line, not an OutOfMemoryError}
   *
   * @param what the kind of file, for the message ("a save file")
   */
  static byte[] read(Path file, int limit, String what) {
    try {
      if (Files.isRegularFile(file) && Files.size(file) > limit) {
        throw tooLarge(file, limit, what, Files.size(file) + " bytes");
      }
      try (InputStream in = Files.newInputStream(file)) {
        byte[] bytes = in.readNBytes(limit + 1);
        if (bytes.length > limit) {
          throw tooLarge(file, limit, what, "more");
        }
        return bytes;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + cause(e), e);
    }
  }

  private static IllegalArgumentException tooLarge(Path file, int limit, String what, String got) {
    return new IllegalArgumentException(
        file
            + ": expected "
            + what
            + " of at most "
            + limit
            + " bytes ("
            + (limit >> 20)
            + " MiB), got "
            + got);
  }

  /** {@return {@code file}, or the file its chain of symlinks ends at (which may not exist)} */
  static Path target(Path file) {
    Path target = file.toAbsolutePath();
    try {
      for (int i = 0; Files.isSymbolicLink(target); i++) {
        if (i == LINKS) {
          throw new IllegalArgumentException(
              "cannot save to " + file + ": more than " + LINKS + " symlinks in a row");
        }
        // a relative link is relative to the link's directory
        target = parent(target).resolve(Files.readSymbolicLink(target));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save to " + file + ": " + cause(e), e);
    }
    return target;
  }

  /** {@return the target's permissions, to give its replacement; null for a new file} */
  private static @Nullable Set<PosixFilePermission> permissions(Path target) throws IOException {
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)
        || Files.getFileAttributeView(target, PosixFileAttributeView.class) == null) {
      return null;
    }
    return Files.getPosixFilePermissions(target);
  }

  /** A new, empty temporary file next to {@code target}, with the umask's permissions. */
  private static Path create(Path target) throws IOException {
    Path directory = parent(target);
    for (int attempt = 0; ; attempt++) {
      String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
      Path temporary = directory.resolve("." + target.getFileName() + "." + suffix + ".tmp");
      try {
        // not Files.createTempFile: its 0600 would become the saved file's permissions
        return Files.createFile(temporary);
      } catch (FileAlreadyExistsException e) {
        if (attempt == 10) {
          throw e;
        }
      }
    }
  }

  private static Path parent(Path absolute) {
    Path parent = absolute.getParent();
    return parent == null ? absolute : parent;
  }

  /** {@return why an I/O operation failed, in words: file exceptions carry only a path} */
  static String cause(IOException e) {
    if (e instanceof FileSystemException fs && fs.getReason() == null) {
      String what =
          e instanceof NoSuchFileException
              ? "no such file or directory"
              : e instanceof AccessDeniedException
                  ? "permission denied"
                  : e instanceof NotDirectoryException
                      ? "not a directory"
                      : e.getClass().getSimpleName();
      return fs.getFile() + ": " + what;
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
