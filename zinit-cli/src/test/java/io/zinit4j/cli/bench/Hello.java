package io.zinit4j.cli.bench;

/** The baseline of {@link ColdStartBenchmark}: a Java hello-world, started with the same JVM options as zinitctl. */
public final class Hello {
    private Hello() {
    }

    /**
     * Prints a greeting.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println("hello");
    }
}
