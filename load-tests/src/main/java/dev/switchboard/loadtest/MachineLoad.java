package dev.switchboard.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * How busy the machine was, besides this run: the load average, and the other processes that used
 * the CPU over one second (this process and the servers it started left out). A figure measured while
 * something else took a core is not comparable with one measured on a quiet machine. Linux only: on
 * another system it says it could not tell.
 *
 * @param loadAverage the one-minute load average, or -1 when unknown
 * @param busy the other processes that used more than 5% of a core, busiest first, as "name (pid) 37%"
 */
record MachineLoad(double loadAverage, List<String> busy) {
  private static final Path PROC = Path.of("/proc");
  private static final double CLOCK_TICKS = 100; // USER_HZ on Linux

  /** Samples the machine over one second. */
  static MachineLoad sample() {
    try {
      Map<Long, Process> before = processes();
      Thread.sleep(1000);
      Map<Long, Process> after = processes();
      Set<Long> ours = ourProcesses(after);
      List<Process> used = new ArrayList<>();
      for (Process now : after.values()) {
        Process then = before.get(now.pid);
        if (then != null && !ours.contains(now.pid)) {
          used.add(new Process(now.pid, now.parent, now.name, now.ticks - then.ticks));
        }
      }
      used.sort(Comparator.comparingLong((Process p) -> p.ticks).reversed());
      List<String> busy = new ArrayList<>();
      for (Process process : used) {
        double percent = process.ticks / CLOCK_TICKS * 100;
        if (percent >= 5 && busy.size() < 3) {
          busy.add(String.format(Locale.ROOT, "%s (%d) %.0f%%", process.name, process.pid, percent));
        }
      }
      String[] load = Files.readString(PROC.resolve("loadavg")).trim().split(" ", -1);
      return new MachineLoad(Double.parseDouble(load[0]), List.copyOf(busy));
    } catch (IOException | RuntimeException e) {
      return new MachineLoad(-1, List.of());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new MachineLoad(-1, List.of());
    }
  }

  String describe() {
    if (loadAverage < 0) {
      return "machine load unknown (no /proc)";
    }
    return String.format(Locale.ROOT, "load average %.2f; other busy processes: %s", loadAverage,
        busy.isEmpty() ? "none" : String.join(", ", busy));
  }

  private record Process(long pid, long parent, String name, long ticks) {}

  private static Map<Long, Process> processes() throws IOException {
    Map<Long, Process> processes = new HashMap<>();
    try (Stream<Path> entries = Files.list(PROC)) {
      for (Path entry : entries.toList()) {
        String pid = entry.getFileName().toString();
        if (!pid.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String stat = Files.readString(entry.resolve("stat"));
          // pid (comm) state ppid ... utime(14) stime(15): the name may hold spaces, so split after ')'.
          int close = stat.lastIndexOf(')');
          String name = stat.substring(stat.indexOf('(') + 1, close);
          String[] fields = stat.substring(close + 2).split(" ", -1);
          processes.put(Long.parseLong(pid), new Process(Long.parseLong(pid), Long.parseLong(fields[1]), name,
              Long.parseLong(fields[11]) + Long.parseLong(fields[12])));
        } catch (IOException | RuntimeException e) {
          // the process ended while we looked
        }
      }
    }
    return processes;
  }

  /** This process and its descendants (the server JVMs of a comparison). */
  private static Set<Long> ourProcesses(Map<Long, Process> processes) {
    Set<Long> ours = new HashSet<>(Set.of(ProcessHandle.current().pid()));
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Process process : processes.values()) {
        if (ours.contains(process.parent) && ours.add(process.pid)) {
          grew = true;
        }
      }
    }
    return ours;
  }
}
