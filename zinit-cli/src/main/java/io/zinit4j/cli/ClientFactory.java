package io.zinit4j.cli;

import io.zinit4j.client.ZinitClient;

/**
 * Makes the {@link ZinitClient} a command talks to from the parsed global options. {@link #standard()} builds a real
 * client; tests pass one that returns a test double or a client of a fake server.
 */
@FunctionalInterface
public interface ClientFactory {

    /**
     * @param options the global options as parsed
     * @return a new client; the caller closes it
     */
    ZinitClient create(GlobalOptions options);

    /** @return the factory {@code zinitctl} uses: {@link ZinitClient#builder()} configured from the options */
    static ClientFactory standard() {
        return options -> {
            var builder = ZinitClient.builder().protocol(options.protocol());
            if (options.socket() != null) {
                builder.socket(options.socket());
            }
            if (options.configDir() != null) {
                builder.configDir(options.configDir());
            }
            if (options.timeout() != null) {
                builder.timeout(options.timeout());
            }
            return builder.build();
        };
    }
}
