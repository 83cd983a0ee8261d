package nl.waterline.template;

/** A template file that cannot be used; it is never half-loaded. */
public class TemplateException extends Exception {

    private final TemplateProblem problem;

    public TemplateException(TemplateProblem problem) {
        super(problem.toString());
        this.problem = problem;
    }

    public TemplateProblem problem() {
        return problem;
    }
}
