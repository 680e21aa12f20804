package th.go.nhso.tabien.system;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;

/**
 * Thai first: pages speak Thai unless the user picks English ({@code ?lang=en}, kept in a
 * cookie), and dates typed into forms are read in either era.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfig implements WebMvcConfigurer {

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("tabien-lang");
        resolver.setDefaultLocale(BilingualMessages.THAI);
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor languageSwitch = new LocaleChangeInterceptor();
        languageSwitch.setParamName("lang");
        registry.addInterceptor(languageSwitch);
    }

    /**
     * Static files under their own paths only (Spring Boot's catch-all {@code /**} is off:
     * spring.web.resources.add-mappings). With the catch-all, the resource-URL filter that the
     * webjars locator switches on looked every page link ({@code /tasks/…}, {@code /births/…})
     * up on the classpath as a possible file, uncached because it was never found: about half
     * the CPU of a task-list page. The Sarabun font has one copy for the pages and the PDFs.
     */
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/css/**").addResourceLocations("classpath:/static/css/");
        registry.addResourceHandler("/js/**").addResourceLocations("classpath:/static/js/");
        registry.addResourceHandler("/fonts/**").addResourceLocations("classpath:/templates/fonts/");
        // versionless webjar paths (/webjars/chart.js/dist/…) resolved to the jar's version
        registry.addResourceHandler("/webjars/**").addResourceLocations("classpath:/META-INF/resources/webjars/")
                .resourceChain(true).addResolver(new LiteWebJarsResourceResolver());
    }

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addFormatterForFieldType(LocalDate.class, new Formatter<LocalDate>() {
            @Override
            public LocalDate parse(String text, Locale locale) {
                return ThaiDates.parse(text);
            }

            @Override
            public String print(LocalDate date, Locale locale) {
                return ThaiDates.formatShort(date);
            }
        });
    }

    /** {@code ${@dates.format(d)}} in templates: BE in Thai, CE in English. */
    @Bean("dates")
    DateView dates() {
        return new DateView();
    }

    public static class DateView {
        public String format(LocalDate date) {
            return ThaiDates.format(date, LocaleContextHolder.getLocale());
        }

        public String format(OffsetDateTime time) {
            return ThaiDates.format(time, LocaleContextHolder.getLocale());
        }
    }
}
