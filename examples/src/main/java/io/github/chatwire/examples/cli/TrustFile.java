package io.github.chatwire.examples.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The {@code --trust PEM} option of the QUIC subcommands (tauri, omikron --ttp). */
public final class TrustFile {
  private TrustFile() {}

  /**
   * Reads the certificates of a PEM file.
   *
   * @param option the option's name, for messages
   * @param path the file
   * @return at least one certificate
   * @throws UsageException if the file cannot be read, holds no certificate or cannot be parsed
   */
  public static X509Certificate[] certificates(String option, String path) {
    String pem;
    try {
      pem = new String(Files.readAllBytes(Paths.get(path)), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw UsageException.unreadableFile(option, path, e);
    }
    try {
      Collection<? extends Certificate> certs =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(
                  new ByteArrayInputStream(pem.trim().getBytes(StandardCharsets.US_ASCII)));
      List<X509Certificate> list = new ArrayList<>();
      for (Certificate c : certs) {
        list.add((X509Certificate) c);
      }
      if (list.isEmpty()) {
        throw new UsageException("the " + option + " file holds no certificate");
      }
      return list.toArray(new X509Certificate[0]);
    } catch (CertificateException | ClassCastException e) {
      throw new UsageException("cannot parse the " + option + " file: " + e.getMessage());
    }
  }
}
