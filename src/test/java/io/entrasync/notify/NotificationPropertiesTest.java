package io.entrasync.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The service-wide public URL Graph notifies: https, or http on a loopback host (simulator) only. */
class NotificationPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class);

    @Test
    void httpPublicUrl_onARealHost_stopsTheStart_namingTheProperty() {
        runner.withPropertyValues("entra-sync.notifications.public-base-url=http://sync.example.org").run(context -> {
            assertThat(context).hasFailed();
            assertThat(rootMessage(context.getStartupFailure())).contains(
                    "entra-sync.notifications.public-base-url must be https", "http://sync.example.org");
        });
    }

    @Test
    void httpsPublicUrl_andHttpOnLoopback_areAccepted() {
        for (String url : new String[] {"https://sync.example.org", "http://127.0.0.1:8080", "http://localhost:8080"}) {
            runner.withPropertyValues("entra-sync.notifications.public-base-url=" + url).run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(NotificationProperties.class).publicBaseUrl()).hasToString(url);
            });
        }
    }

    private static String rootMessage(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(NotificationProperties.class)
    static class Properties {
    }
}
