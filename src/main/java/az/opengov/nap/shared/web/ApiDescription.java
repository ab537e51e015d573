package az.opengov.nap.shared.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the OpenAPI description at {@code /api/openapi} says about the API as a whole: its name and purpose instead of
 * springdoc's "OpenAPI definition, v0", and how to sign in. The open data under {@code /api/public} needs no sign-in;
 * every other operation asks for HTTP Basic, as {@code SecurityConfig} does.
 */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

    private static final String TITLE = "NAP workflow API";
    /** The API's own version: changes when a client would have to change, not with every release. */
    private static final String VERSION = "1";
    private static final String BASIC = "basic";
    private static final String PUBLIC = "/api/public";

    @Bean
    GlobalOpenApiCustomizer apiInfoAndSignIn() {
        return api -> {
            api.info(new Info()
                    .title(TITLE)
                    .version(VERSION)
                    .description("""
                            The Open Government National Action Plan's measures, their agencies' progress reports \
                            and the commission's reviews. Under /api/public: the published plans, measures, reports \
                            and agencies, open to anyone without signing in. Elsewhere: the signed-in agency's \
                            tasks, the commission's reviews and the administrators' operations, with HTTP Basic. \
                            Errors are RFC 9457 problem details in the language the request asks for \
                            (Accept-Language: az, en or ru)."""));
            api.components(api.getComponents() == null ? new Components() : api.getComponents())
                    .getComponents()
                    .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"));
            if (api.getPaths() != null) {
                api.getPaths().forEach((path, item) -> {
                    if (!path.equals(PUBLIC) && !path.startsWith(PUBLIC + "/")) {
                        item.readOperations().forEach(o -> o.addSecurityItem(new SecurityRequirement().addList(BASIC)));
                    }
                });
            }
        };
    }
}
