package io.hireload.model;

public record HiredByQuarter(String department, String job, int q1, int q2, int q3, int q4) {
}
