package th.go.nhso.tabien.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.juel.FeelEngineFactoryImpl;
import org.camunda.bpm.dmn.feel.impl.juel.FeelMissingFunctionException;
import org.camunda.bpm.dmn.feel.impl.juel.FeelSyntaxException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.impl.juel.ExpressionFactoryImpl;
import org.camunda.bpm.impl.juel.SimpleContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELException;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.InputExpression;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.dmn.instance.Text;
import org.springframework.stereotype.Component;

/**
 * Compiles a decision table's expressions in the languages Tabien's engine evaluates them in
 * (camunda.bpm's dmnFeelEnableLegacyBehavior): input expressions and output entries as JUEL,
 * input entries as FEEL simple unary tests. Camunda compiles them only when a decision first
 * runs, so a table written for its FEEL-Scala engine ({@code a = b}, {@code starts with(?, "T")})
 * would deploy and then fail every filing that reaches it.
 */
@Component
class DecisionExpressions {

    /** What a problem names: the element, its text and the compiler's reason. */
    record Problem(String elementId, String text, String reason) {
    }

    private static final String FEEL = "feel";
    private static final Set<String> FEEL_NAMESPACES = Set.of("http://www.omg.org/spec/feel/20140401",
            "http://www.omg.org/spec/dmn/20180521/feel/", "https://www.omg.org/spec/dmn/20191111/feel/",
            "https://www.omg.org/spec/dmn/20211108/feel/", "https://www.omg.org/spec/dmn/20230324/feel/");
    private static final String JUEL = "juel";
    private static final String DEFAULT_INPUT_VARIABLE = "cellInput";

    private final boolean legacyFeel;
    private final ExpressionFactoryImpl juel = new ExpressionFactoryImpl();
    private final FeelEngine feel = new FeelEngineFactoryImpl().createInstance();

    DecisionExpressions(ProcessEngine engine) {
        legacyFeel = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).isDmnFeelEnableLegacyBehavior();
    }

    List<Problem> problems(DmnModelInstance model) {
        List<Problem> problems = new ArrayList<>();
        if (!legacyFeel) {
            return problems;
        }
        String declared = model.getDefinitions().getExpressionLanguage();
        // the model reports the DMN namespace's FEEL when the file sets nothing; Camunda reads that as no default
        String tableDefault = declared == null || FEEL_NAMESPACES.contains(declared.strip().toLowerCase(Locale.ROOT))
                ? null : language(declared, null);
        for (DecisionTable table : model.getModelElementsByType(DecisionTable.class)) {
            List<Input> inputs = List.copyOf(table.getInputs());
            for (Input input : inputs) {
                InputExpression expression = input.getInputExpression();
                expression(problems, expression.getId(), language(expression.getExpressionLanguage(), tableDefault),
                        text(expression.getText()));
            }
            for (Rule rule : table.getRules()) {
                List<InputEntry> entries = List.copyOf(rule.getInputEntries());
                for (int i = 0; i < entries.size() && i < inputs.size(); i++) {
                    String variable = inputs.get(i).getCamundaInputVariable();
                    unaryTests(problems, entries.get(i), language(entries.get(i).getExpressionLanguage(), tableDefault),
                            variable == null ? DEFAULT_INPUT_VARIABLE : variable);
                }
                for (OutputEntry entry : rule.getOutputEntries()) {
                    expression(problems, entry.getId(), language(entry.getExpressionLanguage(), tableDefault), text(entry.getText()));
                }
            }
        }
        return problems;
    }

    /** An input expression or output entry: JUEL by default; the legacy FEEL engine evaluates no FEEL expressions. */
    private void expression(List<Problem> problems, String id, String language, String text) {
        if (text == null) {
            return;
        }
        if (language == null || language.equals(JUEL)) {
            compileJuel(problems, id, text);
        } else {
            problems.add(new Problem(id, text, "expressionLanguage " + language + ": only juel here"));
        }
    }

    /** An input entry: FEEL simple unary tests by default, or a JUEL condition. */
    private void unaryTests(List<Problem> problems, InputEntry entry, String language, String inputVariable) {
        String text = text(entry.getText());
        if (text == null || text.equals("-")) {
            return;
        }
        if (JUEL.equals(language)) {
            compileJuel(problems, entry.getId(), text);
        } else if (language != null && !language.equals(FEEL)) {
            problems.add(new Problem(entry.getId(), text, "expressionLanguage " + language + ": only FEEL or juel here"));
        } else {
            try {
                feel.evaluateSimpleUnaryTests(text, inputVariable,
                        Variables.createVariables().putValue(inputVariable, null).asVariableContext());
            } catch (FeelSyntaxException | FeelMissingFunctionException e) {
                problems.add(new Problem(entry.getId(), text, e.getMessage()));
            } catch (RuntimeException evaluatedWithoutAnInput) {
                // it compiled; evaluating it against no input may fail, which says nothing about the table
            }
        }
    }

    /** As Camunda evaluates JUEL in a decision: wrapped in ${} unless it already is an expression. */
    private void compileJuel(List<Problem> problems, String id, String text) {
        String expression = text.startsWith("${") || text.startsWith("#{") ? text : "${" + text + "}";
        try {
            juel.createValueExpression(new SimpleContext(), expression, Object.class);
        } catch (ELException e) {
            problems.add(new Problem(id, text, e.getMessage()));
        }
    }

    /** The language an element declares, in lower case ("feel" for any FEEL namespace), else the table's default. */
    private static String language(String declared, String tableDefault) {
        if (declared == null || declared.isBlank()) {
            return tableDefault;
        }
        String lower = declared.strip().toLowerCase(Locale.ROOT);
        return lower.equals(FEEL) || FEEL_NAMESPACES.contains(lower) ? FEEL : lower;
    }

    private static String text(Text text) {
        return text == null || text.getTextContent() == null || text.getTextContent().isBlank() ? null : text.getTextContent().strip();
    }
}
