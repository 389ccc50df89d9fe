package io.deskside.rest.error;

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
            case 429 -> request.getAttribute(RequestDispatcher.ERROR_MESSAGE) instanceof String m && m.matches("[\\w ;,.:'()-]{1,200}")
                    ? m : "too many failed sign-ins from this address; wait before trying again";
            case 403 -> "this account may not do that";
            default -> "no such resource";
        };
        String title = switch (status) {
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 429 -> "Too many attempts";
            default -> "Not Found";
        };
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\""
                + (uri instanceof String s && s.matches("[\\w/.\\-]*") ? ",\"instance\":\"" + s + "\"" : "") + "}");
    }
}
