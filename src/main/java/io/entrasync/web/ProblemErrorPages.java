package io.entrasync.web;

import org.apache.catalina.Container;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Installs {@link ProblemErrorReportValve} as the host's only error report valve. Boot and Tomcat each add an
 * HTML one; they are removed when the context starts, after every customizer has run.
 */
@Component
class ProblemErrorPages implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            Container parent = context.getParent();
            if (parent instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
            context.addLifecycleListener(event -> {
                if (Lifecycle.BEFORE_START_EVENT.equals(event.getType()) && context.getParent() != null) {
                    var pipeline = context.getParent().getPipeline();
                    boolean ours = false;
                    for (Valve valve : pipeline.getValves()) {
                        if (valve instanceof ProblemErrorReportValve) {
                            ours = true;
                        } else if (valve instanceof ErrorReportValve) {
                            pipeline.removeValve(valve);
                        }
                    }
                    if (!ours) {
                        pipeline.addValve(new ProblemErrorReportValve());
                    }
                }
            });
        });
    }
}
