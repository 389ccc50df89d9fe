package io.deskside.rest.error;

import io.deskside.edge.http.Problem;
import io.deskside.edge.http.ProblemWriter;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Answers the errors the container raises before the API sees a request (a missing or wrong
 * sign-in, or too many failed ones) with the same problem documents as the rest of the API, instead of an HTML page.
 * web.xml routes those error codes here.
 */
@WebServlet("/problem")
public class ContainerProblemServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : HttpServletResponse.SC_NOT_FOUND;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String detail = switch (status) {
            case 401 -> "sign in with HTTP Basic: a Deskside login and password";
            case 429 -> request.getAttribute(RequestDispatcher.ERROR_MESSAGE) instanceof String m && !m.isBlank() && m.length() <= 300
                    ? m : "too many failed sign-ins from this address; wait before trying again";
            case 403 -> "this account may not do that";
            default -> "no such resource";
        };
        ProblemWriter.write(response, Problem.of(status, detail,
                uri instanceof String path && path.matches("[\\w/.\\-]{0,200}") ? path : null));
    }
}
