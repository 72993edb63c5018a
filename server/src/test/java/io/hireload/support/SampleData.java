package io.hireload.support;

import io.hireload.embedded.EmbeddedS3;
import io.hireload.model.HiredByQuarter;
import io.hireload.model.TopDepartment;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sample files' metrics computed here, in plain Java and without any of the server's code,
 * so the server's answers can be compared with an independent computation row for row.
 */
public final class SampleData {
    private final Map<Integer, String> departments = new HashMap<>();
    private final Map<Integer, String> jobs = new HashMap<>();
    private final List<String[]> validEmployees = new ArrayList<>();

    public SampleData() {
        lines("departments.csv").forEach(f -> departments.put(Integer.parseInt(f[0]), f[1]));
        lines("jobs.csv").forEach(f -> jobs.put(Integer.parseInt(f[0]), f[1]));
        for (String[] f : lines("hired_employees.csv")) {
            boolean complete = f.length == 5 && java.util.Arrays.stream(f).noneMatch(String::isBlank);
            if (complete && departments.containsKey(Integer.parseInt(f[3])) && jobs.containsKey(Integer.parseInt(f[4]))) {
                validEmployees.add(f);
            }
        }
    }

    /** The sample departments by id. */
    public Map<Integer, String> departments() {
        return Map.copyOf(departments);
    }

    /** The sample jobs by id. */
    public Map<Integer, String> jobs() {
        return Map.copyOf(jobs);
    }

    public int validEmployeeCount() {
        return validEmployees.size();
    }

    public List<HiredByQuarter> hiredByQuarter(int year) {
        Map<List<Object>, int[]> counts = new TreeMap<>(Comparator
                .comparing((List<Object> k) -> ((String) k.get(0)).toLowerCase())
                .thenComparing(k -> ((String) k.get(1)).toLowerCase())
                .thenComparing(k -> (String) k.get(0))
                .thenComparing(k -> (String) k.get(1))
                .thenComparing(k -> (Integer) k.get(2))
                .thenComparing(k -> (Integer) k.get(3)));
        for (String[] f : validEmployees) {
            ZonedDateTime at = Instant.parse(f[2]).atZone(ZoneOffset.UTC);
            if (at.getYear() == year) {
                int d = Integer.parseInt(f[3]);
                int j = Integer.parseInt(f[4]);
                int[] q = counts.computeIfAbsent(List.of(departments.get(d), jobs.get(j), d, j), k -> new int[4]);
                q[(at.getMonthValue() - 1) / 3]++;
            }
        }
        List<HiredByQuarter> rows = new ArrayList<>();
        counts.forEach((k, q) -> rows.add(new HiredByQuarter((String) k.get(0), (String) k.get(1), q[0], q[1], q[2], q[3])));
        return rows;
    }

    public List<TopDepartment> topHiringDepartments(int year) {
        Map<Integer, Long> hired = new TreeMap<>();
        departments.keySet().forEach(d -> hired.put(d, 0L));
        for (String[] f : validEmployees) {
            if (Instant.parse(f[2]).atZone(ZoneOffset.UTC).getYear() == year) {
                hired.merge(Integer.parseInt(f[3]), 1L, Long::sum);
            }
        }
        double mean = hired.values().stream().mapToLong(Long::longValue).average().orElse(0);
        return hired.entrySet().stream()
                .filter(e -> e.getValue() > mean)
                .map(e -> new TopDepartment(e.getKey(), departments.get(e.getKey()), e.getValue(), mean))
                .sorted(Comparator.comparingLong(TopDepartment::hired).reversed().thenComparingInt(TopDepartment::id))
                .toList();
    }

    private static List<String[]> lines(String file) {
        String text = new String(EmbeddedS3.sample(file), StandardCharsets.UTF_8);
        return text.lines().filter(l -> !l.isBlank()).map(l -> l.split(",", -1)).toList();
    }
}
