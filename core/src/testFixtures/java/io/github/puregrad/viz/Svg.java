package io.github.puregrad.viz;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/** Parses the SVG that Graphviz and XChart write, for the tests that look inside it. */
public final class Svg {
  private Svg() {}

  /** {@return {@code file} parsed as XML} */
  public static Document parse(Path file) throws Exception {
    return parse(Files.readAllBytes(file));
  }

  /** {@return {@code xml} parsed, without fetching the DTD it may name} */
  public static Document parse(byte[] xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    // dot's SVG names the SVG 1.1 DTD: do not fetch it
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
  }
}
