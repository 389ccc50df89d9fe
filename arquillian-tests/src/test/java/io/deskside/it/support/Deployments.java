package io.deskside.it.support;

import io.deskside.it.fixture.FixtureApplication;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The EAR the build made, exactly as shipped, plus the test-only fixture web module. */
public final class Deployments {

    public static final String FIXTURE_CONTEXT = "/deskside-fixture";

    private Deployments() {
    }

    public static EnterpriseArchive desksideWithFixture() {
        File built = new File(System.getProperty("deskside.ear", "target/deskside.ear"));
        if (!built.isFile()) {
            throw new IllegalStateException("the EAR was not built: " + built);
        }
        EnterpriseArchive ear = ShrinkWrap.create(ZipImporter.class, "deskside.ear").importFrom(built)
                .as(EnterpriseArchive.class);
        WebArchive fixture = ShrinkWrap.create(WebArchive.class, "deskside-fixture.war")
                .addPackage(FixtureApplication.class.getPackage())
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
        ear.addAsModule(fixture);
        String appXml = read(ear, "META-INF/application.xml");
        int at = appXml.lastIndexOf("</module>") + "</module>".length();
        appXml = appXml.substring(0, at)
                + "<module><web><web-uri>deskside-fixture.war</web-uri><context-root>" + FIXTURE_CONTEXT
                + "</context-root></web></module>" + appXml.substring(at);
        ear.setApplicationXML(new StringAsset(appXml));
        return ear;
    }

    private static String read(EnterpriseArchive ear, String path) {
        try (InputStream in = ear.get(path).getAsset().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
