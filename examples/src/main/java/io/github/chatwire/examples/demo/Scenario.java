package io.github.chatwire.examples.demo;

import io.github.chatwire.examples.cli.Output;
import java.util.List;

/** One protocol's part of the demo: starts its fake server, runs the SDK against it, reports. */
public interface Scenario {
  /**
   * The scenario's title in the summary.
   *
   * @return the name
   */
  String name();

  /**
   * Runs the scenario, narrating to {@code out} as things happen.
   *
   * @param out where to narrate
   * @return the summary lines for the final screen
   * @throws Exception if the scenario failed
   */
  List<String> run(Output out) throws Exception;
}
